using Pgha.Core.Config;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// The agent's current view of its settings: local config plus the dynamic config last read from the DCS
/// (or bootstrap.dcs before the cluster exists). Swapped atomically; read by the PostgreSQL adapter too.
/// </summary>
public sealed class ClusterSettings(PghaConfig local)
{
    private DynamicConfig _dynamic = local.Bootstrap?.Dcs ?? new DynamicConfig();
    private string? _lastJson;
    private long _generation;

    public PghaConfig Local { get; } = local;

    public DynamicConfig Dynamic => Volatile.Read(ref _dynamic);

    /// <summary>Counts config changes, so that PostgreSQL is reloaded once per change.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public HaSettings Ha => EffectiveSettings.ToHaSettings(Local, Dynamic);

    /// <summary>Applies the DCS <c>config</c> JSON when it changed; a value that does not parse keeps the previous one.</summary>
    public bool Apply(string? configJson)
    {
        if (configJson is null || configJson == _lastJson)
        {
            return false;
        }
        _lastJson = configJson;
        Volatile.Write(ref _dynamic, DynamicConfigJson.Parse(configJson));
        Interlocked.Increment(ref _generation);
        return true;
    }
}
