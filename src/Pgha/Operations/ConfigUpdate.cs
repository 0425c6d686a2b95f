using System.Text.Json.Nodes;
using Pgha.Agent;
using Pgha.Cli;
using Pgha.Core.Cluster;
using Pgha.Core.Config;
using Pgha.Core.Ctl;
using Pgha.Core.Dcs;

namespace Pgha.Operations;

/// <summary>
/// Validates a new dynamic config against the leader's pg_settings and Patroni's rules, then writes it with a
/// compare-and-swap on the config key's mod revision: a refused or concurrent change leaves etcd untouched.
/// </summary>
public sealed class ConfigUpdate(IClusterStore store, string pgUser, string? pgPassword)
{
    /// <summary>The errors, one line each; empty when the config may be written.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(ClusterView view, JsonObject before, JsonObject after, CancellationToken ct)
    {
        IReadOnlyDictionary<string, PgSetting>? settings = null;
        bool parametersChanged = !JsonNode.DeepEquals(before["postgresql"]?["parameters"], after["postgresql"]?["parameters"]);
        if (parametersChanged)
        {
            Member source = view.LeaderMember ?? view.Members.FirstOrDefault(m => m.State is "running" or "streaming")
                ?? throw new PghaException("no running member to read pg_settings from; the new parameters cannot be validated", ExitCodes.Unavailable);
            settings = await PgSettingsReader.ReadAsync(source, pgUser, pgPassword, ct);
        }
        return ConfigCheck.Validate(after, settings).Select(e => e.ToString()).ToList();
    }

    /// <summary>False when someone else changed the key since <paramref name="view"/> was read.</summary>
    public Task<bool> WriteAsync(ClusterView view, JsonObject after, CancellationToken ct) =>
        view.ConfigJson is null
            ? store.CreateIfAbsentAsync(DcsKeys.Config, after.ToJsonString(), ct)
            : store.PutAsync(DcsKeys.Config, after.ToJsonString(), view.ConfigModRevision, ct);

    public static JsonObject Current(ClusterView view) =>
        string.IsNullOrEmpty(view.ConfigJson) ? [] : JsonNode.Parse(view.ConfigJson) as JsonObject ?? [];

    /// <summary>The pause flag as the agents read it.</summary>
    public static bool IsPaused(ClusterView view) => !string.IsNullOrEmpty(view.ConfigJson) && DynamicConfigJson.Parse(view.ConfigJson).Pause;
}
