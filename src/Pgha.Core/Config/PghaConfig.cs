using Pgha.Core.Cluster;

namespace Pgha.Core.Config;

/// <summary>The agent's local configuration, in Patroni's YAML schema (patroni-compat §5.3).</summary>
public sealed record PghaConfig
{
    public required string Scope { get; init; }
    /// <summary>Key prefix in etcd, normalised to start and end with '/': default <c>/service/</c>.</summary>
    public string Namespace { get; init; } = "/service/";
    public required string Name { get; init; }
    public LogConfig Log { get; init; } = new();
    public required RestApiConfig RestApi { get; init; }
    public required Etcd3Config Etcd3 { get; init; }
    /// <summary>Null when the file has no <c>bootstrap</c> section (the node then never runs initdb).</summary>
    public BootstrapConfig? Bootstrap { get; init; }
    public required PostgresqlConfig Postgresql { get; init; }
    public MemberTags Tags { get; init; } = MemberTags.None;
    /// <summary>Where the file came from, for error messages.</summary>
    public string SourcePath { get; init; } = "";
}
