using Pgha.Core.Planning;

namespace Pgha.Operations;

/// <summary>What <see cref="EtcdStatusOperation"/> found: the members, each one's status, and the quorum verdict.</summary>
public sealed record EtcdClusterReport(IReadOnlyList<EtcdMemberInfo> Members, IReadOnlyList<EtcdEndpointStatus> Endpoints, QuorumVerdict Verdict);
