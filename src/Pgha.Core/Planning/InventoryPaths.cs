namespace Pgha.Core.Planning;

/// <summary>
/// The inventory's optional <c>paths:</c> section. Null means "use the generator's default";
/// each value may contain <c>{host}</c>.
/// </summary>
public sealed record InventoryPaths
{
    public string? ConfigDir { get; init; }
    public string? DataDir { get; init; }
    public string? LogDir { get; init; }
    public string? EtcdDataDir { get; init; }
    public string? SocketDir { get; init; }
    public string? RepositoryDir { get; init; }
    public string? BinDir { get; init; }
}
