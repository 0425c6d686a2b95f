namespace Pgha.Testing.Netns;

/// <summary>
/// Where a test cluster's processes run. The plain launcher runs them as they are (loopback hosts); a network
/// namespace lab wraps them in <c>ip netns exec</c>, which execs, so the started pid is still the program's own.
/// </summary>
public interface IHostLauncher
{
    /// <summary>The command that runs <paramref name="fileName"/> on the host that owns <paramref name="address"/>.</summary>
    ProcessCommand On(string address, string fileName, IReadOnlyList<string> args);

    /// <summary>False when the test process cannot open connections to the hosts itself (they live in other namespaces).</summary>
    bool HostsReachable { get; }
}
