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
public sealed class SlotKeeper(ReplicationSlots slots, ILogger<SlotKeeper> logger)
{
    public async Task KeepAsync(HaInput input, AgentMemory memory, CancellationToken ct)
    {
        if (!input.Settings.UseSlots || !memory.HoldsLeaderKey || !input.Postgres.IsRunningPrimary || !input.Cluster.IsReachable)
        {
            return;
        }
        string[] wanted = input.Cluster.Members.Where(m => m.Name != input.Me).Select(m => SlotName.ForMember(m.Name)).ToArray();
        try
        {
            await slots.SyncAsync(wanted, ct);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("could not reconcile replication slots: {Error}", e.Message);
        }
    }
}
