namespace Pgha.Core.Ha;

/// <summary>Outcome of the probe's write in pg_wal (<c>WalWriteProbe</c>), which shows whether the server can persist WAL.</summary>
public enum WalWriteCheck
{
    /// <summary>Not a running server, or the check was cut short by something the ordinary probe reports.</summary>
    NotChecked,
    Succeeded,
    /// <summary>PostgreSQL reported a disk, file access or PANIC error: the primary cannot persist commits.</summary>
    Failed,
    /// <summary>The commit did not finish within its bound (stuck disk, or only a slow machine).</summary>
    TimedOut,
}
