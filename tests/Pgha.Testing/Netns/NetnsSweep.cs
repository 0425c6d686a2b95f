using System.Diagnostics;
using System.Globalization;

namespace Pgha.Testing.Netns;

/// <summary>
/// The root-namespace side of <see cref="NetnsLab"/>: <c>ip</c> commands, the removal of a namespace with every process
/// still in it, and the sweep of <c>pgf*</c> namespaces and the bridge that a crashed earlier run left behind.
/// </summary>
public static class NetnsSweep
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Null when namespaces can be made here; otherwise why not (the fault tests skip with it).</summary>
    public static async Task<string?> UnavailableReasonAsync()
    {
        const string probe = NetnsLab.Prefix + "probe";
        try
        {
            await TryIpAsync("netns", "del", probe);
            (int exitCode, string _, string stderr) = await TryIpAsync("netns", "add", probe);
            if (exitCode != 0)
            {
                return $"ip netns add failed (needs root or CAP_NET_ADMIN): {stderr.Trim()}";
            }
            await IpAsync("netns", "del", probe);
            (int nft, string _, string _) = await TryAsync("nft", ["--version"]);
            return nft == 0 ? null : "nft is not installed (apt-get install nftables)";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"ip or nft is not installed: {e.Message}";
        }
    }

    /// <summary>Deletes every <c>pgf*</c> namespace (killing what runs in it) and the bridge.</summary>
    public static async Task RemoveLeftoversAsync()
    {
        (int _, string list, string _) = await TryIpAsync("netns", "list");
        IEnumerable<string> stale = list.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(ns => ns.StartsWith(NetnsLab.Prefix, StringComparison.Ordinal));
        foreach (string ns in stale)
        {
            await RemoveNamespaceAsync(ns);
        }
        (int _, string links, string _) = await TryIpAsync("-o", "link", "show");
        IEnumerable<string> veths = links.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':')[1].Trim().Split('@')[0])
            .Where(name => name.StartsWith(NetnsLab.Prefix + "v-", StringComparison.Ordinal));
        foreach (string veth in veths)
        {
            await RemoveVethAsync(veth);
        }
        await RemoveBridgeAsync();
    }

    /// <summary>
    /// SIGKILLs every process in the namespace by pid, waits until none is left, deletes the root-side veth (the
    /// kernel would drop it only later, when it frees the namespace, and the next lab needs the name) and the namespace.
    /// </summary>
    public static async Task RemoveNamespaceAsync(string ns, string? veth = null)
    {
        await Wait.UntilAsync(async () =>
        {
            (int exitCode, string pids, string _) = await TryIpAsync("netns", "pids", ns);
            if (exitCode != 0)
            {
                return true; // no such namespace
            }
            List<int> left = pids.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
            left.ForEach(Kill);
            return left.Count == 0;
        }, s_timeout, $"no process left in namespace {ns}", TimeSpan.FromMilliseconds(200));
        if (veth is not null)
        {
            await RemoveVethAsync(veth);
        }
        await TryIpAsync("netns", "del", ns);
    }

    /// <summary>Deletes a veth pair by its root-side name and waits until the name is free.</summary>
    public static async Task RemoveVethAsync(string veth)
    {
        await TryIpAsync("link", "del", veth);
        await Wait.UntilAsync(async () => (await TryIpAsync("link", "show", veth)).ExitCode != 0, s_timeout, $"link {veth} to be gone");
    }

    public static async Task RemoveBridgeAsync()
    {
        (int exists, string _, string _) = await TryIpAsync("link", "show", NetnsLab.Bridge);
        if (exists == 0)
        {
            await IpAsync("link", "del", NetnsLab.Bridge);
        }
    }

    /// <summary>Runs <c>ip</c>; throws with its stderr when it fails.</summary>
    public static async Task IpAsync(params string[] args)
    {
        (int exitCode, string _, string stderr) = await TryIpAsync(args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({exitCode}): {stderr.Trim()}");
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> TryIpAsync(params string[] args) => TryAsync("ip", args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> TryAsync(string fileName, IReadOnlyList<string> args)
    {
        await using var guard = new ProcessGuard();
        return await guard.RunAsync(fileName, args, s_timeout);
    }

    private static void Kill(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // exited between the listing and the kill
        }
    }
}
