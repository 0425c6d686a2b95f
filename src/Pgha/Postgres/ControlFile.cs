using System.Buffers.Binary;
using System.Globalization;

namespace Pgha.Postgres;

/// <summary>
/// Reads global/pg_control directly where a query or pg_controldata would cost a connection or a process.
/// The file starts with the 64-bit system identifier, two 32-bit version numbers and the 32-bit cluster state
/// (PostgreSQL's ControlFileData, laid out so since 9.x), in the server's byte order (always this host's).
/// </summary>
internal static class ControlFile
{
    /// <summary>"Database cluster state" once a shutdown checkpoint is written (PostgreSQL's DB_SHUTDOWNED).</summary>
    public const int ShutDown = 1;
    /// <summary>"Database cluster state" while the shutdown checkpoint is being written (DB_SHUTDOWNING).</summary>
    public const int ShuttingDown = 3;

    private const int StateOffset = 16;

    public static async Task<string> ReadSystemIdentifierAsync(string dataDir, CancellationToken ct)
    {
        byte[] head = new byte[sizeof(ulong)];
        await using (FileStream file = File.OpenRead(PathIn(dataDir)))
        {
            await file.ReadExactlyAsync(head, ct);
        }
        ulong id = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(head) : BinaryPrimitives.ReadUInt64BigEndian(head);
        return id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The cluster state (<see cref="ShutDown"/>, <see cref="ShuttingDown"/>, ...); null when the file cannot be read.
    /// Only its low byte ever changes between the states a running server writes, so a read racing a write of the file
    /// sees the old state or the new one.
    /// </summary>
    public static int? ReadState(string dataDir)
    {
        try
        {
            Span<byte> head = stackalloc byte[StateOffset + sizeof(int)];
            using FileStream file = File.OpenRead(PathIn(dataDir));
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

    private static string PathIn(string dataDir) => Path.Combine(dataDir, "global", "pg_control");
}
