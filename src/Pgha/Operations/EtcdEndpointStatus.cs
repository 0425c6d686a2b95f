namespace Pgha.Operations;

/// <summary>
/// One row of <c>pgha etcd status</c>, as etcdctl endpoint status -w table shows it. <see cref="Error"/> is set
/// when the member did not answer; <see cref="ServerErrors"/> when it answered with errors (alarms, no leader).
/// </summary>
public sealed record EtcdEndpointStatus(
    string Endpoint,
    string? Id,
    string? Version,
    long DbSize,
    bool IsLeader,
    bool IsLearner,
    long RaftTerm,
    long RaftIndex,
    long RaftAppliedIndex,
    string? Error,
    string? ServerErrors = null)
{
    public bool IsUp => Error is null;

    public static EtcdEndpointStatus Down(string endpoint, string error) => new(endpoint, null, null, 0, false, false, 0, 0, 0, error);
}
