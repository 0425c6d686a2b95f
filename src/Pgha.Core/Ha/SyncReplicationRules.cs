using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>
/// The running leader's synchronous replication, one step per cycle, keeping Patroni's invariant that the <c>sync</c>
/// key only ever names standbys holding every acknowledged commit: a standby is added to synchronous_standby_names
/// first and to the key once PostgreSQL reports it synchronous; it is removed from the key first and from the
/// setting after. A lost compare-and-set on the key skips the setting change until the next cycle.
/// </summary>
internal static class SyncReplicationRules
{
    /// <summary>The sync actions for this cycle and the reason to log; no actions and a null reason when all is in place.</summary>
    public static (IReadOnlyList<HaAction> Actions, string? Reason, AgentMemory Memory) ForLeader(HaInput input)
    {
        AgentMemory memory = Remember(input);
        if (!input.Settings.SynchronousMode)
        {
            return input.Cluster.Sync is { } stale
                ? ([new DeleteSyncKey(stale.ModRevision), new SetSynchronousStandbyNames(null)], HaReasons.SyncDisabled(input.Me), memory)
                : ([], null, memory);
        }
        IReadOnlyList<string> picked = SyncStandbySelection.Pick(input);
        IReadOnlySet<string> confirmed = SyncStandbySelection.Confirmed(input, memory.SyncNamesSeenAtLsn);
        string desired = SyncStandbyNames.Format(picked, input.Settings.SynchronousModeStrict);
        if ((input.Postgres.SynchronousStandbyNames ?? "") != desired)
        {
            // Removing: shrink the key to what stays synchronous before the setting stops waiting for the others.
            var actions = new List<HaAction>();
            if (KeyChange(input, KeyStandbys(input).Intersect(picked).Intersect(confirmed)) is { } shrink)
            {
                actions.Add(shrink);
            }
            actions.Add(new SetSynchronousStandbyNames(desired));
            return (actions, HaReasons.SyncNamesSet(input.Me, desired), memory);
        }
        // Adding: the setting is live; name in the key those PostgreSQL now reports synchronous.
        string[] target = [.. picked.Where(confirmed.Contains)];
        return KeyChange(input, target) is { } write
            ? ([write], HaReasons.SyncKeyAssigned(input.Me, write.SyncStandby ?? "none"), memory)
            : ([], null, memory);
    }

    /// <summary>Just promoted with synchronous mode: nobody is synchronous yet, and strict mode makes commits wait.</summary>
    public static IEnumerable<HaAction> BeforePromote(HaInput input) =>
        input.Settings.SynchronousMode
            ? [new WriteSyncKey(input.Me, null, input.Cluster.Sync?.ModRevision),
               new SetSynchronousStandbyNames(SyncStandbyNames.Format([], input.Settings.SynchronousModeStrict))]
            : [];

    /// <summary>The standbys the key names for me; a key written by a former leader names nobody of mine.</summary>
    private static IEnumerable<string> KeyStandbys(HaInput input) =>
        input.Cluster.Sync is { } key && key.Leader == input.Me ? key.SyncStandbys : [];

    private static WriteSyncKey? KeyChange(HaInput input, IEnumerable<string> standbys)
    {
        string[] sorted = [.. standbys.Distinct().Order(StringComparer.Ordinal)];
        SyncKey? key = input.Cluster.Sync;
        bool same = key is not null && key.Leader == input.Me && KeyStandbys(input).Order(StringComparer.Ordinal).SequenceEqual(sorted);
        return same ? null : new WriteSyncKey(input.Me, sorted.Length == 0 ? null : string.Join(',', sorted), key?.ModRevision);
    }

    /// <summary>A new live value restarts the count: commits before this cycle's WAL position did not wait for new names.</summary>
    private static AgentMemory Remember(HaInput input)
    {
        string live = input.Postgres.SynchronousStandbyNames ?? "";
        return live == input.Memory.SyncNamesSeen
            ? input.Memory
            : input.Memory with { SyncNamesSeen = live, SyncNamesSeenAtLsn = input.Postgres.WalPosition };
    }
}
