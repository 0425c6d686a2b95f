namespace Pgha.Core.Cluster;

/// <summary>Reads host and port out of a member's <c>postgres://host:port/db</c> URL.</summary>
public static class ConnUrlParser
{
    public static (string Host, int Port) HostPort(string connUrl)
    {
        if (!Uri.TryCreate(connUrl, UriKind.Absolute, out Uri? uri))
        {
            return ("", 0);
        }
        return (uri.Host, uri.Port > 0 ? uri.Port : 5432);
    }
}
