using Pgha.IntegrationTests.Operate;

namespace Pgha.IntegrationTests.Verify;

public sealed class VerifyErrorTests
{
    [Fact]
    public async Task An_unreachable_dsn_is_one_clear_line_and_exit_code_4()
    {
        CtlRun.Result run = await CtlRun.PghaAsync("verify", "--dsn", "Host=127.0.86.250,127.0.86.251;Username=postgres;Password=x", "--duration", "5s");

        Assert.Equal(4, run.ExitCode);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pgha: --dsn 127.0.86.250:5432,127.0.86.251:5432: no read-write server answered", line, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Named_faults_without_a_sandbox_or_command_are_a_usage_error()
    {
        CtlRun.Result run = await CtlRun.PghaAsync("verify", "--dsn", "Host=127.0.86.250", "--faults", "kill-leader");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--faults needs --sandbox DIR", run.Error, StringComparison.Ordinal);
    }
}
