using Microsoft.Extensions.Logging;
using Pgha.Api;
using Pgha.Core.Config;
using Pgha.Core.Dcs;
using Pgha.Etcd;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The composition root of <c>pgha agent</c>: wires the adapters to the loop, runs it with the REST API beside it,
/// and on SIGTERM stops PostgreSQL cleanly and deletes the leader key so a replica takes over at once.
/// </summary>
public sealed class AgentHost(PghaConfig config, ILoggerFactory loggers)
{
    private readonly TimeProvider _clock = TimeProvider.System;

    public async Task<int> RunAsync(CancellationToken stop)
    {
        ILogger logger = loggers.CreateLogger("pgha");
        var settings = new ClusterSettings(config);
        string prefix = DcsKeys.Prefix(config.Namespace, config.Scope);
        using var etcd = new EtcdGatewayClient(config.Etcd3.Urls, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(settings.Dynamic.RetryTimeout),
            config.Etcd3.Username, config.Etcd3.Password);
        // A full read at least every 2 x ttl bounds how long a silently stalled watch could hide a change.
        var store = new EtcdClusterCache(new EtcdClusterStore(etcd, prefix), () => TimeSpan.FromSeconds(2 * settings.Dynamic.Ttl), _clock);
        var lease = new EtcdLeaderLease(etcd, prefix, config.Name, () => settings.Dynamic.Ttl, store, _clock,
            () => (TimeSpan.FromSeconds(settings.Dynamic.LoopWait), TimeSpan.FromSeconds(settings.Dynamic.RetryTimeout)));

        var runner = new ProcessRunner();
        PostgresBinaries binaries = await PostgresBinaries.ResolveAsync(config.Postgresql.BinDir, runner, stop);
        var instance = new PostgresInstance(config, () => settings.Dynamic, binaries, runner);
        await using var probe = new PostgresProbe(instance);
        var control = new PostgresControl(instance, loggers.CreateLogger<PostgresControl>()) { TakeConnection = probe.TakeKeptConnection };
        var provisioning = new PostgresProvisioning(instance, control, _clock, loggers.CreateLogger<PostgresProvisioning>());
        var postmaster = new PostmasterWatch(instance.DataDir);

        var longActions = new LongActionRunner();
        using var http = new HttpClient();
        var failsafeInbox = new FailsafeInbox(_clock);
        var peerProbe = new PeerProbe(http, new FailsafeRound(http, settings, _clock), failsafeInbox);
        var observer = new HaObserver(store, new WalWriteProbe(probe, instance), peerProbe, settings, longActions, _clock, loggers.CreateLogger<HaObserver>());
        string? configPath = config.SourcePath.Length > 0 ? Path.GetFullPath(config.SourcePath) : null;
        var fence = new PrimaryFence(instance.DataDir, instance.RunDir, _clock, configPath, () => lease.LeaseId);
        var publisher = new MemberPublisher(lease, settings, _clock);
        var executor = new HaExecutor(lease, control, longActions, provisioning, new DcsWrites(store, settings, _clock), fence, publisher, _clock, loggers.CreateLogger<HaExecutor>());
        var wakeup = new LoopWakeup(_clock, longActions, postmaster.WaitForExitOfRunningAsync);
        var requests = new OperatorRequests(control, provisioning, longActions, _clock, loggers.CreateLogger<OperatorRequests>());
        var configReload = new ConfigReload(control, settings, longActions, loggers.CreateLogger<ConfigReload>());
        var loop = new HaLoop(observer, executor, publisher, wakeup, settings, new SafetyStop(control, _clock, loggers.CreateLogger<SafetyStop>()),
            new SlotKeeper(probe, loggers.CreateLogger<SlotKeeper>()),
            new FailsafeKeeper(store, loggers.CreateLogger<FailsafeKeeper>()),
            fence, configReload, requests, _clock, loggers.CreateLogger<HaLoop>());

        await using var api = new ApiServer(config.RestApi, publisher, _clock, loggers, new AgentControl(store, settings, wakeup.Signal, configReload, requests) { Failsafe = failsafeInbox });
        await api.StartAsync(stop);
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task watcher = new LeaderWatch(store, wakeup.Signal, loggers.CreateLogger<LeaderWatch>()).RunAsync(watchStop.Token);

        logger.LogInformation("pgha agent {Name} starting: scope {Scope}, etcd {Etcd}", config.Name, config.Scope, string.Join(",", config.Etcd3.Urls));
        await loop.RunAsync(stop);
        await watchStop.CancelAsync();
        await new AgentShutdown(control, lease, loggers.CreateLogger<AgentShutdown>()).RunAsync(loop.Memory, settings.Ha, probe);
        await api.StopAsync(CancellationToken.None);
        await watcher.ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }
}
