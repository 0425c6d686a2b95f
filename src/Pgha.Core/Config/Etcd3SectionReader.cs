namespace Pgha.Core.Config;

/// <summary>Reads <c>etcd3:</c>: endpoints from <c>hosts</c>, else <c>host</c>, else <c>url</c>.</summary>
internal static class Etcd3SectionReader
{
    public static Etcd3Config? Read(ConfigSection etcd3)
    {
        IReadOnlyList<string>? hosts = Endpoints(etcd3);
        string? protocol = Protocol(etcd3);
        var config = hosts is null ? null : new Etcd3Config
        {
            Hosts = hosts,
            Protocol = protocol ?? "http",
            Username = etcd3.Text("username"),
            Password = etcd3.Text("password"),
            CaCert = etcd3.Text("cacert"),
            Cert = etcd3.Text("cert"),
            Key = etcd3.Text("key"),
        };
        etcd3.Accept("username", "password", "cacert", "cert", "key");
        etcd3.Unsupported("proxy", "srv", "srv_suffix", "use_proxies", "port");
        etcd3.WarnUnknownKeys();
        return config;
    }

    private static IReadOnlyList<string>? Endpoints(ConfigSection etcd3)
    {
        foreach (string key in (ReadOnlySpan<string>)["hosts", "host", "url"])
        {
            if (!etcd3.Has(key))
            {
                continue;
            }
            etcd3.Accept("hosts", "host", "url");
            IReadOnlyList<string>? entries = etcd3.TextList(key, commaString: true);
            if (entries is null)
            {
                return null;
            }
            if (entries.Count == 0)
            {
                break;
            }
            // ToList before testing: report every bad entry, not only the first.
            return entries.Where(e => !Valid(etcd3, key, e)).ToList() is [] ? entries : null;
        }
        etcd3.Report.Error(etcd3.PathOf("hosts"), null, "is missing",
            "set etcd3.hosts to the etcd endpoints such as 10.0.0.1:2379,10.0.0.2:2379,10.0.0.3:2379");
        return null;
    }

    private static bool Valid(ConfigSection etcd3, string key, string entry)
    {
        string where = etcd3.Report.Overrides.TryGetValue(etcd3.PathOf(key), out ConfigScalar? env) ? env.Where : etcd3.PathOf(key);
        if (entry.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(entry, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" && uri.Port is > 0 and <= 65535)
            {
                return true;
            }
            etcd3.Report.Error(where, entry, "is not an etcd URL", "write it as http://host:port such as http://10.0.0.1:2379");
            return false;
        }
        return AddressRules.Check(new ConfigScalar(entry, where), etcd3.Report, hostList: false, 2379) is not null;
    }

    private static string? Protocol(ConfigSection etcd3)
    {
        ConfigScalar? scalar = etcd3.Scalar("protocol");
        if (scalar is null || scalar.Text is "http" or "https")
        {
            return scalar?.Text;
        }
        etcd3.Report.Error(scalar.Where, scalar.Text, "is not a protocol", "use http or https");
        return null;
    }
}
