namespace Pgha.Core.Verify;

/// <summary>
/// One insert whose COMMIT returned OK. The commit happened somewhere in [<see cref="SentAt"/>, <see cref="AckedAt"/>]
/// as the client saw it; <see cref="Server"/> (host:port from inet_server_addr()) and <see cref="Timeline"/> name the
/// primary that acknowledged it.
/// </summary>
public sealed record AckedWrite(long Value, int Writer, string Server, int Timeline, DateTimeOffset SentAt, DateTimeOffset AckedAt)
{
    /// <summary>The primary's term: a server on one timeline. A promotion or a new server starts a new term.</summary>
    public PrimaryTerm Term => new(Server, Timeline);
}
