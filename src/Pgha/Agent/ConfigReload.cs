using Microsoft.Extensions.Logging;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// After a change of the dynamic config (edit-config, PATCH /config), rewrites postgresql.conf and pg_hba.conf and
/// reloads a running PostgreSQL once. sighup parameters take effect; postmaster ones show as pending restart.
/// Never in a cycle that starts, stops, promotes or rebuilds PostgreSQL: the next calm cycle does it.
/// </summary>
public sealed class ConfigReload(IPostgresControl control, ClusterSettings settings, LongActionRunner longActions, ILogger<ConfigReload> logger)
{
    private long _applied;

    public async Task ApplyAsync(HaInput input, HaDecision decision, CancellationToken ct)
    {
        long generation = settings.Generation;
        if (generation == _applied || !input.Postgres.IsRunning || longActions.IsRunning || !decision.Actions.All(IsCalm))
        {
            return;
        }
        // POST /reload asks for a reload whatever the files say (PostgreSQL may have more to read than pgha writes).
        bool asked = Interlocked.Exchange(ref _applied, generation) == -1;
        if (asked)
        {
            await control.ReloadAsync(ct);
        }
        else if (!await control.ReloadIfChangedAsync(ct))
        {
            logger.LogInformation("dynamic config changed: the PostgreSQL config files already said so and are loaded; not reloaded");
            return;
        }
        logger.LogInformation("dynamic config changed: rewrote the PostgreSQL config files and reloaded");
    }

    /// <summary>Also asked for by POST /reload.</summary>
    public void Request() => Interlocked.Exchange(ref _applied, -1);

    private static bool IsCalm(HaAction action) => action is RefreshLeaderLock or AcquireLeaderLock or FollowLeader or ClearFailoverKey;
}
