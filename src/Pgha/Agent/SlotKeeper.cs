using Microsoft.Extensions.Logging;
using Npgsql;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Postgres;

namespace Pgha.Agent;

/// <summary>
/// After each cycle on the primary that holds the leader key (with use_slots): one physical slot per other member,
/// named as Patroni names them, which each replica's primary_slot_name expects.
/// </summary>
/// <remarks>It runs on the probe's kept connection; a cycle whose probe kept none skips it, and the next one catches up.</remarks>
public sealed class SlotKeeper(PostgresProbe probe, ILogger<SlotKeeper> logger)
{
    public async Task KeepAsync(HaInput input, AgentMemory memory, CancellationToken ct)
    {
        if (!input.Settings.UseSlots || !memory.HoldsLeaderKey || !input.Postgres.IsRunningPrimary || !input.Cluster.IsReachable)
        {
            return;
        }
        string[] wanted = Wanted(input);
        try
        {
            await probe.UseKeptConnectionAsync(c => ReplicationSlots.SyncAsync(c, wanted, ct));
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("could not reconcile replication slots: {Error}", e.Message);
        }
    }

    /// <summary>The slots a primary keeps for the other members (none without use_slots).</summary>
    public static string[] Wanted(HaInput input) =>
        input.Settings.UseSlots ? input.Cluster.Members.Where(m => m.Name != input.Me).Select(m => SlotName.ForMember(m.Name)).ToArray() : [];
}
