namespace Pgha.FaultTests;

/// <summary>A member as the cluster's etcd holds it: name, role (Leader or Replica) and state, as <c>pgha list</c> shows them.</summary>
public sealed record MemberRow(string Member, string Role, string State)
{
    public bool IsLeader => Role == "Leader";
    public bool IsRunningLeader => IsLeader && State == "running";
    public bool IsStreaming => State == "streaming";
}
