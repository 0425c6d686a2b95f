namespace Pgha.FaultTests;

/// <summary>
/// A writer that runs from the client namespace through a fault and then judges what it saw. The first
/// implementation is <see cref="PsqlWriteChecker"/>; <c>pgha verify --json</c> (acknowledged, lost and split-brain
/// counts) can take its place behind this interface: start it with a long <c>--duration</c>, end it on
/// <see cref="StopAsync"/>, and map its report to <see cref="WriteReport"/>.
/// </summary>
public interface IWriteChecker : IAsyncDisposable
{
    /// <summary>Creates the table on the current leader and starts writing.</summary>
    Task StartAsync(CancellationToken ct = default);

    /// <summary>Waits until <paramref name="more"/> writes beyond those acknowledged so far are acknowledged.</summary>
    Task WaitForMoreAsync(int more, CancellationToken ct = default);

    /// <summary>Stops writing and checks every acknowledged write against what <paramref name="finalPrimary"/> holds.</summary>
    Task<WriteReport> StopAsync(string finalPrimary, CancellationToken ct = default);
}
