namespace Pgha.Core.Generation;

/// <summary>The ports every host uses; standard ones unless a caller needs others.</summary>
public sealed record PortLayout(int Postgres, int RestApi, int EtcdClient, int EtcdPeer)
{
    public static PortLayout Standard { get; } = new(5432, 8008, 2379, 2380);
}
