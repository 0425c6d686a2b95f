namespace Pgha.Core.Config;

/// <summary><c>bootstrap:</c> used only by the node that initialises a new cluster.</summary>
public sealed record BootstrapConfig
{
    /// <summary><c>bootstrap.dcs</c>: written to the <c>config</c> key when the cluster is created.</summary>
    public DynamicConfig Dcs { get; init; } = new();
    /// <summary><c>bootstrap.initdb</c>: flags (<c>data-checksums</c>) and options (<c>encoding: UTF8</c>).</summary>
    public IReadOnlyList<InitdbOption> Initdb { get; init; } = [];
    /// <summary><c>bootstrap.pg_hba</c>: lines for pg_hba.conf after initdb.</summary>
    public IReadOnlyList<string> PgHba { get; init; } = [];
    /// <summary><c>bootstrap.post_bootstrap</c> (alias <c>post_init</c>): a script run once after initdb.</summary>
    public string? PostBootstrap { get; init; }
}
