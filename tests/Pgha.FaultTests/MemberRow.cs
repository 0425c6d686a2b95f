namespace Pgha.FaultTests;

/// <summary>One row of <c>pgha list -f json</c>: the member as the cluster's etcd sees it.</summary>
public sealed record MemberRow(string Member, string Role, string State)
{
    public bool IsLeader => Role == "Leader";
    public bool IsRunningLeader => IsLeader && State == "running";
    public bool IsStreaming => State == "streaming";
}
