namespace Pgha.Agent;

/// <summary>
/// PostgreSQL did not start. <see cref="LogTail"/> holds the last lines its server log got during this start, so the
/// executor can tell a start that can never succeed (a timeline refusal) from one worth retrying.
/// </summary>
public sealed class StartFailedException(string message, IReadOnlyList<string> logTail) : PghaException(message)
{
    public IReadOnlyList<string> LogTail { get; } = logTail;
}
