using System.Buffers.Binary;

namespace Pgha.Postgres;

/// <summary>
/// Tells when a primary under a fast shutdown has written its last WAL and every standby streaming from it has
/// confirmed all of it, which is before the postmaster exits: the shutdown checkpoint is the last record, its end
/// marks pg_control "shut down", and only then are the walsenders told to send the rest; each exits once its standby
/// reports that it flushed everything sent. What follows (the checkpointer's exit, the postmaster's last log line and
/// its exit) changes nothing a successor needs, so a switchover can hand the leader key over here.
/// </summary>
/// <remarks>
/// pg_control's state is a 32-bit field at offset 16, after the system identifier and two version numbers
/// (PostgreSQL's ControlFileData, unchanged since 9.x); a shutdown goes from "in production" through "shutting down"
/// (set as the shutdown checkpoint starts) to "shut down" (set once its record is flushed). Once "shutting down"
/// shows, the postmaster accepts no connection, so the walsenders seen then are all there will be.
/// </remarks>
internal static class ShutdownHandover
{
    private const int StateOffset = 16;
    private const int ShutDown = 1;
    private const int ShuttingDown = 3;
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(5);

    /// <summary>Returns once the last WAL is written and confirmed; runs until cancelled otherwise (the postmaster's exit).</summary>
    public static async Task WaitAsync(string dataDir, int postmaster, CancellationToken ct)
    {
        while (State(dataDir) is not (ShuttingDown or ShutDown))
        {
            await Task.Delay(s_interval, ct);
        }
        IReadOnlyList<int> walsenders = PostmasterProcess.ChildrenOfKind(postmaster, "walsender");
        while (State(dataDir) != ShutDown || walsenders.Any(w => PostmasterProcess.IsChildOf(w, postmaster)))
        {
            await Task.Delay(s_interval, ct);
        }
    }

    private static int? State(string dataDir)
    {
        try
        {
            Span<byte> head = stackalloc byte[StateOffset + sizeof(int)];
            using FileStream file = File.OpenRead(Path.Combine(dataDir, "global", "pg_control"));
            file.ReadExactly(head);
            return BitConverter.IsLittleEndian
                ? BinaryPrimitives.ReadInt32LittleEndian(head[StateOffset..])
                : BinaryPrimitives.ReadInt32BigEndian(head[StateOffset..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
