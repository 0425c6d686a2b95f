namespace Pgha.Processes;

/// <summary>One program run: what, with which arguments and environment, as whom, for how long.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables added to (or, with a null value, removed from) the cleaned environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    /// <summary>OS user to run as when we are root; null runs as ourselves.</summary>
    public OsUser? User { get; init; }
    /// <summary>Text fed to stdin, which is then closed; null gives the child an empty stdin.</summary>
    public string? StandardInput { get; init; }
    /// <summary>Killed (with its children) after this long; <see cref="Timeout.InfiniteTimeSpan"/> waits for ct only.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Defaults to the user's home, or / when that is missing, so the child never starts in a directory it cannot enter.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The command for messages: program and arguments, which by design never carry a password.</summary>
    public string CommandLine => string.Join(" ", new[] { FileName }.Concat(Arguments));
}
