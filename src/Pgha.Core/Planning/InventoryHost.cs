namespace Pgha.Core.Planning;

/// <summary>One machine of the deployment and the roles it plays.</summary>
/// <param name="FailureDomain">Rack, zone or site; hosts without one are each their own domain.</param>
public sealed record InventoryHost(
    string Name,
    string Address,
    string? FailureDomain,
    bool RunsPostgres,
    bool RunsEtcd,
    bool RunsRepository)
{
    /// <summary>The domain used for failure-domain arithmetic: the declared one or the host itself.</summary>
    public string EffectiveDomain => FailureDomain ?? Name;
}
