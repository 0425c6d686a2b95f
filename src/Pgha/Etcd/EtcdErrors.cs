using Pgha.Agent;

namespace Pgha.Etcd;

/// <summary>Classifies etcd gateway errors and turns them into pgha's small exception set.</summary>
public static class EtcdErrors
{
    // gRPC status codes (wire format of the gateway's "code" field: never renumber).
    public const int Unknown = 2;
    public const int InvalidArgument = 3;
    public const int DeadlineExceeded = 4;
    public const int NotFound = 5;
    public const int PermissionDenied = 7;
    public const int FailedPrecondition = 9;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    /// <summary>True when another endpoint, or the same one a moment later, may succeed.</summary>
    public static bool IsRetryable(int grpcCode, string detail) =>
        grpcCode is Unavailable or DeadlineExceeded or FailedPrecondition
        || detail.Contains("no leader", StringComparison.Ordinal)
        || detail.Contains("leader changed", StringComparison.Ordinal)
        || detail.Contains("context deadline exceeded", StringComparison.Ordinal)
        || detail.Contains("timed out", StringComparison.Ordinal);

    /// <summary>An expired or revoked auth token: authenticate again once and retry.</summary>
    public static bool IsInvalidToken(int grpcCode, string detail) =>
        detail.Contains("invalid auth token", StringComparison.Ordinal)
        || (grpcCode == Unauthenticated && !detail.Contains("authentication failed", StringComparison.Ordinal));

    public static bool IsLeaseNotFound(Exception e) =>
        e is EtcdRpcException rpc && rpc.Detail.Contains("requested lease not found", StringComparison.Ordinal);

    public static LeaseLostException LeaseLost(long leaseId, Exception? inner = null) =>
        new($"etcd lease {leaseId:x} has expired or was revoked; its leader and member keys are gone", inner);

    public static DcsUnavailableException Unreachable(IReadOnlyList<string> endpoints, TimeSpan budget, string lastError) =>
        new($"etcd unreachable: no answer from {string.Join(", ", endpoints)} within {budget.TotalSeconds:0.#} s "
            + $"(last error: {lastError}); check that etcd runs and that etcd3.hosts lists its client URLs");
}
