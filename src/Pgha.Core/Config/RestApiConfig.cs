namespace Pgha.Core.Config;

/// <summary><c>restapi:</c> where the Patroni-compatible REST API listens and how it is advertised.</summary>
public sealed record RestApiConfig
{
    /// <summary><c>host:port</c> to bind, e.g. <c>127.0.50.10:8008</c> or <c>0.0.0.0:8008</c>.</summary>
    public required string Listen { get; init; }
    /// <summary><c>host:port</c> other members and tools use; defaults to <see cref="Listen"/>.</summary>
    public required string ConnectAddress { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
}
