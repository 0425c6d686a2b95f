namespace Pgha.Core.Ha;

/// <summary>Outcome of the primary's tiny committed write, which proves WAL reaches the disk.</summary>
public enum WalWriteCheck
{
    /// <summary>Not a running primary, or the check was cut short by something the ordinary probe reports.</summary>
    NotChecked,
    Succeeded,
    /// <summary>PostgreSQL reported a disk, file access or PANIC error: the primary cannot persist commits.</summary>
    Failed,
    /// <summary>The commit did not finish within its bound (stuck disk, or only a slow machine).</summary>
    TimedOut,
}
