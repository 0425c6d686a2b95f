namespace Pgha.Core.Config;

/// <summary><c>log:</c> the agent's own log (not PostgreSQL's).</summary>
public sealed record LogConfig
{
    /// <summary>Directory for the log file; null logs to stderr only.</summary>
    public string? Dir { get; init; }
    /// <summary>File name inside <see cref="Dir"/> (the tutorial's <c>filename</c>); default <c>patroni.log</c>.</summary>
    public string FileName { get; init; } = "patroni.log";
    /// <summary>DEBUG, INFO, WARNING, ERROR, CRITICAL.</summary>
    public string Level { get; init; } = "INFO";
    /// <summary>Rotate when the file reaches this many bytes.</summary>
    public long FileSize { get; init; } = 25_000_000;
    /// <summary>How many rotated files to keep.</summary>
    public int FileNum { get; init; } = 4;
}
