namespace Pgha.Testing.Netns;

/// <summary>One host of a <see cref="NetnsLab"/>: its namespace, the root-side end of its veth pair, and its address.</summary>
public sealed record NetnsHost(string Name, string Namespace, string Veth, string Address);
