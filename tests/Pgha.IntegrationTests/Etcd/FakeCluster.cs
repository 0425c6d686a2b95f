using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Etcd;

namespace Pgha.IntegrationTests.Etcd;

/// <summary>The keys of a two-member cluster, written with our codec, as a running pgha cluster would publish them.</summary>
internal static class FakeCluster
{
    public const string SystemId = "7312345678901234567";
    public const string ConfigJson = """{"ttl":30,"loop_wait":10,"retry_timeout":10,"maximum_lag_on_failover":1048576}""";

    public static Member Member(string name, MemberRole role, string state)
    {
        string host = name == "n1" ? "127.0.61.201" : "127.0.61.202";
        return new Member
        {
            Name = name,
            ConnUrl = $"postgres://{host}:5432/postgres",
            ApiUrl = $"http://{host}:8008/patroni",
            State = state,
            Role = role,
            Version = "3.0.2",
            XlogLocation = 50331808,
            Timeline = 2,
        };
    }

    /// <summary>Writes initialize, config, leader (the first member) and every member key.</summary>
    public static async Task WriteAsync(EtcdClusterStore store, params Member[] members)
    {
        await store.PutAsync(DcsKeys.Initialize, SystemId, null, default);
        await store.PutAsync(DcsKeys.Config, ConfigJson, null, default);
        await store.PutAsync(DcsKeys.Leader, members[0].Name, null, default);
        foreach (Member m in members)
        {
            await store.PutAsync(DcsKeys.Member(m.Name), MemberJson.Serialize(m), null, default);
        }
    }
}
