using Pgha.Agent;
using Pgha.Core.Config;

namespace Pgha.IntegrationTests.Agent;

/// <summary>A valid agent configuration whose addresses lead nowhere (port 9), for agent parts tested without servers.</summary>
internal static class MinimalAgentConfig
{
    public static ClusterSettings Settings(string scope, string name)
    {
        string yaml = $"""
            scope: {scope}
            name: {name}
            restapi:
              listen: 127.0.0.1:9
              connect_address: 127.0.0.1:9
            etcd3:
              hosts: 127.0.0.1:9
            postgresql:
              listen: 127.0.0.1:9
              connect_address: 127.0.0.1:9
              data_dir: /nonexistent
              authentication:
                superuser:
                  username: postgres
                  password: unused
                replication:
                  username: replicator
                  password: unused
            """;
        ConfigLoadResult loaded = PghaConfigLoader.Load(yaml, $"{scope}.yaml", new Dictionary<string, string>());
        return new ClusterSettings(loaded.Config ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors)));
    }
}
