using System.Globalization;
using Pgha.Core.Ha;
using Pgha.Postgres;
using Pgha.Processes;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new();
    private PostgresTestNode _n1 = null!;

    public async Task InitializeAsync() => _n1 = await _cluster.BootstrappedPrimaryAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    private int PostmasterPid => PostmasterProcess.AlivePid(_n1.Instance.DataDir) ?? throw new InvalidOperationException("no postmaster");

    [Fact]
    public async Task Exit_watch_fires_when_the_postmaster_is_killed_and_the_probe_then_says_stopped()
    {
        Task watch = new PostmasterWatch(_n1.Instance.DataDir).WaitForExitAsync(CancellationToken.None);
        Assert.False(watch.IsCompleted);

        await SignalAsync(PostmasterPid, "KILL");

        await watch.WaitAsync(TimeSpan.FromSeconds(30));
        LocalPostgres probe = await _n1.Probe.ProbeAsync(CancellationToken.None);
        Assert.Equal(PostgresRunState.Stopped, probe.RunState);
        Assert.Equal("in production", probe.ClusterState);
        Assert.False(probe.InRecovery);
        Assert.True(probe.WalPosition > 0);
    }

    [Fact]
    public async Task A_wait_of_the_loop_again_on_the_same_postmaster_fires_when_it_is_killed()
    {
        var watch = new PostmasterWatch(_n1.Instance.DataDir);
        using (var first = new CancellationTokenSource())
        {
            Task abandoned = watch.WaitForExitOfRunningAsync(first.Token);
            await first.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }
        Task again = watch.WaitForExitOfRunningAsync(CancellationToken.None);
        Assert.False(again.IsCompleted);

        await SignalAsync(PostmasterPid, "KILL");

        await again.WaitAsync(TimeSpan.FromSeconds(30));
        Task none = watch.WaitForExitOfRunningAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(200)).Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => none); // no postmaster: never completes on its own
    }

    [Fact]
    public async Task Start_after_a_crash_brings_the_primary_back()
    {
        await _n1.ExecuteAsync("CREATE TABLE kept (v int); INSERT INTO kept VALUES (1)");
        int pid = PostmasterPid;
        await SignalAsync(pid, "KILL");
        await new PostmasterWatch(_n1.Instance.DataDir).WaitForExitAsync(CancellationToken.None);

        await _n1.Control.StartAsync(StartRole.Primary, null, CancellationToken.None);

        Assert.True((await _n1.Probe.ProbeAsync(CancellationToken.None)).IsRunningPrimary);
        Assert.Equal(1L, await _n1.ScalarAsync("SELECT count(*) FROM kept"));
    }

    [Fact]
    public async Task Stopped_postmaster_process_is_reported_not_responding()
    {
        int pid = PostmasterPid;
        await SignalAsync(pid, "STOP");
        try
        {
            LocalPostgres probe = await _n1.Probe.ProbeAsync(CancellationToken.None);

            Assert.Equal(PostgresRunState.NotResponding, probe.RunState);
        }
        finally
        {
            await SignalAsync(pid, "CONT");
        }
    }

    [Fact]
    public async Task Graceful_stop_leaves_a_clean_shut_down_and_start_as_replica_without_upstream_runs_in_recovery()
    {
        await _n1.Control.StopAsync(DemoteMode.Graceful, CancellationToken.None);
        Assert.Equal("shut down", (await _n1.Probe.ProbeAsync(CancellationToken.None)).ClusterState);

        await _n1.Control.StartAsync(StartRole.Replica, null, CancellationToken.None);

        Assert.True((await _n1.Probe.ProbeAsync(CancellationToken.None)).IsRunningReplica);
    }

    private static Task SignalAsync(int pid, string signal) =>
        new ProcessRunner().RunAsync(new ProcessSpec("/bin/kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]), CancellationToken.None);
}
