using System.Globalization;

namespace Pgha.Core.Postgres;

/// <summary><c>postgresql.listen</c>: <c>ip[,ip]:port</c>, e.g. <c>127.0.62.1:5432</c> or <c>0.0.0.0,::1:5432</c>.</summary>
public sealed record ListenAddress(IReadOnlyList<string> Hosts, int Port)
{
    public static ListenAddress Parse(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new FormatException($"postgresql.listen: \"{text}\" is not ip[,ip]:port; use e.g. 127.0.0.1:5432");
        }
        string[] hosts = text[..colon].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ListenAddress(hosts, port);
    }

    /// <summary>The value for <c>listen_addresses</c>.</summary>
    public string ListenAddresses => string.Join(",", Hosts);
}
