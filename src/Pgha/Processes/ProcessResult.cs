namespace Pgha.Processes;

/// <summary>How a finished program ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of stderr, else of stdout, for one-line error messages.</summary>
    public string LastErrorLine => LastLine(StandardError) ?? LastLine(StandardOutput) ?? "(no output)";

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
