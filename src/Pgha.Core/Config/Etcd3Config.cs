namespace Pgha.Core.Config;

/// <summary><c>etcd3:</c> how to reach etcd's v3 API.</summary>
public sealed record Etcd3Config
{
    /// <summary><c>host:port</c> entries (the YAML may give a list or a comma-separated string).</summary>
    public required IReadOnlyList<string> Hosts { get; init; }
    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Protocol { get; init; } = "http";
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? CaCert { get; init; }
    public string? Cert { get; init; }
    public string? Key { get; init; }

    /// <summary>Endpoint URLs such as <c>http://127.0.50.10:2379</c>.</summary>
    public IReadOnlyList<string> Urls => Hosts.Select(h => h.Contains("://", StringComparison.Ordinal) ? h : $"{Protocol}://{h}").ToList();
}
