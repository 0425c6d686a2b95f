namespace Pgha.Core.Verify;

/// <summary>
/// What one member held when read back after the run: whether it answered, whether it was a writable primary, and
/// every value in the verify table. <see cref="Problem"/> says why an unreachable node could not be read.
/// </summary>
public sealed record NodeContents(string Server, bool Reachable, bool IsPrimary, IReadOnlySet<long> Values, string? Problem = null)
{
    public static NodeContents Unreachable(string server, string problem) => new(server, false, false, new HashSet<long>(), problem);
}
