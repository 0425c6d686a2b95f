namespace Pgha.FaultTests;

/// <summary>A member as the cluster's etcd holds it: name, role (Leader or Replica, as <c>pgha list</c> says) and state.</summary>
public sealed record MemberRow(string Member, string Role, string State)
{
    public bool IsLeader => Role == "Leader";
    public bool IsRunningLeader => IsLeader && State == "running";
    public bool IsStreaming => State == "streaming";
}
