namespace Pgha;

/// <summary>An error meant for people: <see cref="Exception.Message"/> is one line naming what, where and the fix.</summary>
public class PghaException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
