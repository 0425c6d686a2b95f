namespace Pgha.Agent;

/// <summary>The member a replica streams from.</summary>
public sealed record Upstream(string Name, string Host, int Port);
