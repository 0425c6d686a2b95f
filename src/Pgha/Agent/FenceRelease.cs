using System.Diagnostics;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Etcd;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The fence's last act for a leader whose agent died: once nothing of PostgreSQL runs on the node and nothing can
/// start it there, it revokes the lease the agent named (<see cref="FenceLease"/>), so the leader key goes at once and
/// a replica takes over without waiting out the ttl. The key exists so that no replica is promoted while this node may
/// still write; with the agent and every server process gone that can no longer happen, as after a clean shutdown.
/// Anything in doubt (a process still in the data directory, an agent alive again, etcd not answering) leaves the key
/// to expire as it would have without the fence.
/// </summary>
public sealed class FenceRelease(string dataDir, string leaseFile, string configPath)
{
    private static readonly TimeSpan s_settlePoll = TimeSpan.FromMilliseconds(20);

    // Server processes notice the postmaster's death at their next wait and exit within milliseconds; one busy with a
    // long query may not, and then the key is left to expire.
    private static readonly TimeSpan s_settleBound = TimeSpan.FromSeconds(5);

    /// <summary>Releases the key if nothing is in doubt; <paramref name="write"/> gets one line on what was done, or why not.</summary>
    public async Task RunAsync(Action<string> write, CancellationToken ct)
    {
        if (ReadLease() is not { LeaseId: not 0 } lease)
        {
            return;
        }
        if (DetachedProcess.IsAlive(lease.AgentPid))
        {
            write($"fencing: not releasing lease {lease.LeaseId:x}: the agent that named it (pid {lease.AgentPid}) runs");
            return;
        }
        var took = Stopwatch.StartNew();
        long configMs = 0;
        // The config is read while the server processes of the killed postmaster are still exiting.
        Task<PghaConfig> reading = Task.Run(() =>
        {
            PghaConfig read = AgentConfigFile.Load(configPath).Config;
            configMs = took.ElapsedMilliseconds;
            return read;
        }, ct);
        string? busy = await WaitUntilNothingRunsAsync(ct);
        long settledMs = took.ElapsedMilliseconds;
        PghaConfig config;
        try
        {
            config = await reading;
        }
        catch (PghaException e)
        {
            write($"fencing: not releasing lease {lease.LeaseId:x}: {e.Message}");
            return;
        }
        // The last look comes right before the key goes: nothing can have started in between but what it would see.
        if ((busy ?? (configMs > settledMs ? await WaitUntilNothingRunsAsync(ct) : null)) is { } running)
        {
            write($"fencing: not releasing lease {lease.LeaseId:x}: {running}; the leader key expires after its ttl");
            return;
        }
        long ready = took.ElapsedMilliseconds;
        await RevokeAsync(config, lease, write, () => $"server processes seen gone after {settledMs} ms, config read in {configMs} ms, revoked in {took.ElapsedMilliseconds - ready} ms", ct);
    }

    private async Task RevokeAsync(PghaConfig config, FenceLease lease, Action<string> write, Func<string> timing, CancellationToken ct)
    {
        using var etcd = new EtcdGatewayClient(config.Etcd3.Urls, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), config.Etcd3.Username, config.Etcd3.Password);
        try
        {
            bool revoked = await EtcdLeases.RevokeAsync(etcd, lease.LeaseId, ct);
            write(revoked
                ? $"fencing: released the leader key: revoked lease {lease.LeaseId:x} of agent pid {lease.AgentPid}, gone with every PostgreSQL process of {dataDir} ({timing()}); a replica may take over now"
                : $"fencing: lease {lease.LeaseId:x} was already gone (expired, or revoked by the agent's shutdown); nothing to release");
        }
        catch (Exception e) when (e is DcsUnavailableException or EtcdRpcException)
        {
            write($"fencing: not releasing lease {lease.LeaseId:x}: {e.Message}; the leader key expires after its ttl");
        }
    }

    /// <summary>Null once nothing runs; else, after the bound, what still does.</summary>
    private async Task<string?> WaitUntilNothingRunsAsync(CancellationToken ct)
    {
        string? busy = null;
        await BoundedPoll.UntilAsync(_ =>
        {
            busy = PostmasterProcess.AlivePid(dataDir) is int postmaster
                ? $"postmaster pid {postmaster} runs"
                : DataDirectoryUsers.FindAny(dataDir, configPath, Environment.ProcessId);
            return Task.FromResult(busy is null);
        }, s_settleBound, ct, s_settlePoll);
        return busy;
    }

    private FenceLease? ReadLease()
    {
        try
        {
            return FenceLease.Parse(File.ReadAllText(leaseFile));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
