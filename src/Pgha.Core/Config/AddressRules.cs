using System.Globalization;

namespace Pgha.Core.Config;

/// <summary>Checks <c>host:port</c> settings (<c>restapi.listen</c>, <c>postgresql.connect_address</c>, …).</summary>
internal static class AddressRules
{
    private static readonly HashSet<string> s_wildcards = new(StringComparer.Ordinal) { "0.0.0.0", "*", "::", "[::]" };

    /// <summary>
    /// The address when it is <c>host:port</c> (or <c>host[,host]:port</c> with <paramref name="hostList"/>)
    /// with a port from 1 to 65535; otherwise records an error and returns null.
    /// </summary>
    public static string? Check(ConfigScalar? scalar, ConfigReport report, bool hostList, int examplePort)
    {
        if (scalar is null)
        {
            return null;
        }
        string text = scalar.Text.Trim();
        int colon = text.LastIndexOf(':');
        string hosts = colon < 0 ? "" : text[..colon];
        if (hosts.Length == 0 || (!hostList && hosts.Contains(',', StringComparison.Ordinal))
            || hosts.Split(',').Any(h => h.Trim().Length == 0))
        {
            report.Error(scalar.Where, scalar.Text, "is not host:port", $"write it as host:port such as 10.0.0.5:{examplePort}");
            return null;
        }
        string port = text[(colon + 1)..];
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
        {
            report.Error(scalar.Where, scalar.Text, $"has port \"{port}\", not a number from 1 to 65535",
                $"use a port such as {examplePort}");
            return null;
        }
        return text;
    }

    /// <summary>True when the address listens on every interface, so it cannot be advertised to others.</summary>
    public static bool IsWildcard(string address)
    {
        string hosts = address[..address.LastIndexOf(':')];
        return hosts.Contains(',', StringComparison.Ordinal) || s_wildcards.Contains(hosts.Trim());
    }
}
