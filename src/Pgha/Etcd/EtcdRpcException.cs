namespace Pgha.Etcd;

/// <summary>etcd answered a request with a gRPC error that retrying elsewhere would not fix (bad lease, bad request, permission).</summary>
public sealed class EtcdRpcException(int grpcCode, string detail, string endpoint)
    : Exception($"etcd {endpoint}: {detail} (gRPC code {grpcCode})")
{
    public int GrpcCode { get; } = grpcCode;
    public string Detail { get; } = detail;
}
