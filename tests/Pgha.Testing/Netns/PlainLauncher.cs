namespace Pgha.Testing.Netns;

/// <summary>Runs every process in the test's own namespace: the loopback clusters of the integration tests.</summary>
public sealed class PlainLauncher : IHostLauncher
{
    public static PlainLauncher Instance { get; } = new();

    public ProcessCommand On(string address, string fileName, IReadOnlyList<string> args) => new(fileName, args);

    public bool HostsReachable => true;
}
