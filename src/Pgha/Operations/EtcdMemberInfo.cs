namespace Pgha.Operations;

/// <summary>One row of <c>pgha etcd members</c>, as etcdctl member list shows it.</summary>
public sealed record EtcdMemberInfo(string Id, string Name, IReadOnlyList<string> PeerUrls, IReadOnlyList<string> ClientUrls, bool IsLearner);
