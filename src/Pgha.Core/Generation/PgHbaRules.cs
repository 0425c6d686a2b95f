using Pgha.Core.Planning;

namespace Pgha.Core.Generation;

/// <summary>
/// <c>bootstrap.pg_hba</c>: scram-sha-256 everywhere (the tutorial's trust and md5 lines are what
/// the secure defaults replace), open only to the inventory's own hosts.
/// </summary>
internal static class PgHbaRules
{
    public static IReadOnlyList<string> For(Inventory inventory)
    {
        var rules = new List<string>
        {
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            $"host replication {DeploymentSecrets.ReplicationName} 127.0.0.1/32 scram-sha-256",
        };
        foreach (InventoryHost host in inventory.PostgresHosts)
        {
            rules.Add($"host replication {DeploymentSecrets.ReplicationName} {HostRange(host.Address)} scram-sha-256");
        }
        foreach (InventoryHost host in inventory.Hosts)
        {
            rules.Add($"host all all {HostRange(host.Address)} scram-sha-256");
        }
        return rules;
    }

    private static string HostRange(string address) => address.Contains(':', StringComparison.Ordinal) ? $"{address}/128" : $"{address}/32";
}
