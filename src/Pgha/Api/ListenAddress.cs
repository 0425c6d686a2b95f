using System.Globalization;
using System.Net;

namespace Pgha.Api;

/// <summary>Reads <c>restapi.listen</c> (<c>host:port</c>, host an IP address, <c>[v6]</c>, or empty/<c>*</c> for all).</summary>
public static class ListenAddress
{
    public static IPEndPoint Parse(string listen)
    {
        int colon = listen.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw Invalid(listen);
        }
        string host = listen[..colon].Trim('[', ']');
        if (host is "" or "*")
        {
            return new IPEndPoint(IPAddress.Any, port);
        }
        if (!IPAddress.TryParse(host, out IPAddress? address))
        {
            throw Invalid(listen);
        }
        return new IPEndPoint(address, port);
    }

    private static PghaException Invalid(string listen) =>
        new($"restapi.listen: \"{listen}\" is not <ip-address>:<port>; use e.g. 0.0.0.0:8008 or 127.0.0.1:8008");
}
