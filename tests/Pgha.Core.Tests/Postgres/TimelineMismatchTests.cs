using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class TimelineMismatchTests
{
    private const string Prefix = "2026-11-26 09:30:01.123 UTC [12345] ";

    public static TheoryData<string> Refusals => new(
        "FATAL:  requested timeline 3 does not contain minimum recovery point 0/5A0B2C8 on timeline 1",
        "FATAL:  requested timeline 2 is not a child of this server's history",
        "FATAL:  requested timeline 1 is not in this server's history",
        "PANIC:  unexpected timeline ID 3 in checkpoint record, before reaching minimum recovery point 0/40E3038 on timeline 1",
        "PANIC:  unexpected timeline ID 2 (after 3) in checkpoint record");

    public static TheoryData<string> OtherFailures => new(
        "FATAL:  invalid value for parameter \"shared_buffers\": \"lots\"",
        "FATAL:  could not create lock file \"/tmp/.s.PGSQL.5432.lock\": File exists",
        "LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use",
        "FATAL:  could not start WAL streaming: ERROR:  requested starting point 0/5000000 on timeline 1 is not in this server's history",
        "LOG:  new timeline 3 is not a child of database system timeline 2",
        "FATAL:  recovery target timeline 4 does not exist",
        "DETAIL:  Latest checkpoint is at 0/4000060 on timeline 1, but in the history of the requested timeline, the server forked off from that timeline at 0/3000148.");

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_start_log_ending_in_a_timeline_refusal_is_diverged(string message)
    {
        string[] log =
        [
            Prefix + "LOG:  starting PostgreSQL 15.10 on x86_64-pc-linux-gnu",
            Prefix + "LOG:  database system was shut down in recovery at 2026-11-26 09:29:58 UTC",
            Prefix + message,
            Prefix + "LOG:  startup process (PID 12346) exited with exit code 1",
            Prefix + "LOG:  database system is shut down",
        ];

        Assert.True(TimelineMismatch.InStartLog(log));
    }

    [Theory]
    [MemberData(nameof(OtherFailures))]
    public void A_start_log_with_any_other_failure_is_not_diverged(string message)
    {
        string[] log = [Prefix + "LOG:  starting PostgreSQL 15.10 on x86_64-pc-linux-gnu", Prefix + message, Prefix + "LOG:  database system is shut down"];

        Assert.False(TimelineMismatch.InStartLog(log));
    }

    [Fact]
    public void An_empty_log_is_not_diverged()
    {
        Assert.False(TimelineMismatch.InStartLog([]));
    }
}
