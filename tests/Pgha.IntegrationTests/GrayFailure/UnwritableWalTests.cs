using Pgha.Testing;

namespace Pgha.IntegrationTests.GrayFailure;

/// <summary>
/// The leader's pg_wal stops taking writes (modes 0500/0400 for its owner, postgres: PostgreSQL's own file opens then
/// fail with EACCES, as on a read-only or broken mount). The leader must step down and a replica take over.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnwritableWalTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("graywal", ["127.0.85.40", "127.0.85.41", "127.0.85.42"]);
    private readonly List<(string Path, UnixFileMode Mode)> _changed = [];

    // If PostgreSQL's own WAL writer hits the fault before the agent's check does, the server PANICs and loops in crash
    // recovery: a short primary_start_timeout bounds that path too.
    public Task InitializeAsync() => _cluster.StartAsync((_, yaml) =>
        yaml.Replace("    maximum_lag_on_failover: 1048576\n", "    maximum_lag_on_failover: 1048576\n    primary_start_timeout: 10\n", StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        // Undo first, pass or fail, so that the cleanup (and a rejoin) finds a normal directory.
        foreach ((string path, UnixFileMode mode) in _changed)
        {
            File.SetUnixFileMode(path, mode);
        }
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_leader_whose_WAL_directory_became_unwritable_hands_the_leader_key_to_a_replica()
    {
        string leader = await _cluster.WaitHealthyAsync();
        string wal = Path.Combine(_cluster.DataDir(leader), "pg_wal");

        MakeReadOnly(wal);

        string next = await _cluster.WaitHealthyAsync(replicas: 1, notLeader: leader, timeout: TimeSpan.FromSeconds(120));
        Assert.NotEqual(leader, next);
        Assert.Matches("cannot write its WAL|not finished starting within primary_start_timeout", _cluster.Log(leader));
    }

    private void MakeReadOnly(string wal)
    {
        foreach (string file in Directory.EnumerateFiles(wal))
        {
            Change(file, UnixFileMode.UserRead);
        }
        Change(wal, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    private void Change(string path, UnixFileMode mode)
    {
        _changed.Insert(0, (path, File.GetUnixFileMode(path)));
        File.SetUnixFileMode(path, mode);
    }
}
