using Pgha.Processes;

namespace Pgha.IntegrationTests.Postgres;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pgha-test-proc-").FullName;
    private readonly ProcessRunner _runner = new();
    private readonly OsUser _postgres = OsUser.Lookup("postgres");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Runs_as_the_given_user_with_its_home_and_without_our_secrets()
    {
        Environment.SetEnvironmentVariable("PGHA_TEST_SECRET", "hidden");
        var spec = new ProcessSpec("/bin/sh", ["-c", "id -un; echo \"$HOME|$USER|$PGHA_TEST_SECRET|$EXTRA\"; pwd"])
        {
            User = _postgres,
            Environment = new Dictionary<string, string?> { ["EXTRA"] = "given" },
        };

        ProcessResult result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"postgres\n{_postgres.Home}|postgres||given\n{_postgres.Home}\n", result.StandardOutput);
    }

    [Fact]
    public async Task Feeds_stdin_and_captures_stderr_and_the_exit_code()
    {
        ProcessResult result = await _runner.RunAsync(
            new ProcessSpec("/bin/sh", ["-c", "cat; echo oops >&2; exit 3"]) { StandardInput = "in\n" }, CancellationToken.None);

        Assert.Equal(new ProcessResult(3, "in\n", "oops\n"), result);
        Assert.Equal("oops", result.LastErrorLine);
    }

    [Fact]
    public async Task A_program_that_overruns_its_timeout_is_killed_and_reported()
    {
        var spec = new ProcessSpec("/bin/sleep", ["600"]) { Timeout = TimeSpan.FromMilliseconds(200) };

        TimeoutException e = await Assert.ThrowsAsync<TimeoutException>(() => _runner.RunAsync(spec, CancellationToken.None));

        Assert.Contains("/bin/sleep 600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Atomic_write_of_a_secret_gives_mode_0600_and_the_owner()
    {
        string path = Path.Combine(_dir, "pgpass");
        AtomicFile.Write(path, "old", AtomicFile.Secret, _postgres);

        AtomicFile.Write(path, "h:5432:*:u:p\n", AtomicFile.Secret, _postgres);

        Assert.Equal("h:5432:*:u:p\n", File.ReadAllText(path));
        Assert.Equal(AtomicFile.Secret, File.GetUnixFileMode(path));
        Assert.Equal(_postgres.Uid, Posix.OwnerUid(path));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
