namespace Pgha.Core.Ctl;

/// <summary>Where the CLI finds a cluster: its scope, namespace and etcd, plus the REST credentials for unsafe calls.</summary>
public sealed record CtlTarget
{
    public required string Scope { get; init; }
    public string Namespace { get; init; } = "/service/";
    public required IReadOnlyList<string> EtcdUrls { get; init; }
    public string? EtcdUsername { get; init; }
    public string? EtcdPassword { get; init; }
    /// <summary><c>restapi.authentication</c>: sent as basic auth on POST/PATCH/PUT/DELETE.</summary>
    public string? ApiUsername { get; init; }
    public string? ApiPassword { get; init; }
    /// <summary><c>postgresql.authentication.superuser</c>: used to read pg_settings from the leader.</summary>
    public string PgUser { get; init; } = "postgres";
    public string? PgPassword { get; init; }
}
