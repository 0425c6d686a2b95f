namespace Pgha.Core.Config;

/// <summary>Reads <c>restapi:</c>.</summary>
internal static class RestApiSectionReader
{
    public static RestApiConfig? Read(ConfigSection restapi)
    {
        string? listen = AddressRules.Check(restapi.Scalar("listen"), restapi.Report, hostList: false, 8008);
        if (listen is null && !restapi.Has("listen"))
        {
            restapi.Report.Error(restapi.PathOf("listen"), null, "is missing", "set restapi.listen to host:port such as 0.0.0.0:8008");
        }
        string? connect = AddressRules.Check(restapi.Scalar("connect_address"), restapi.Report, hostList: false, 8008);
        if (connect is null && listen is not null && !restapi.Has("connect_address") && AddressRules.IsWildcard(listen))
        {
            restapi.Report.Warn(restapi.PathOf("connect_address"),
                $"not set, so members advertise {listen}, which others cannot reach; set it to this node's address");
        }
        ConfigSection authentication = restapi.Section("authentication");
        string? username = authentication.Text("username");
        string? password = authentication.Text("password");
        authentication.WarnUnknownKeys();
        restapi.Unsupported("certfile", "keyfile", "keyfile_password", "cafile", "ciphers", "verify_client",
            "allowlist", "allowlist_include_members", "http_extra_headers", "https_extra_headers");
        restapi.WarnUnknownKeys();
        if (listen is null)
        {
            return null;
        }
        return new RestApiConfig { Listen = listen, ConnectAddress = connect ?? listen, Username = username, Password = password };
    }
}
