using System.Buffers.Binary;
using System.Globalization;

namespace Pgha.Postgres;

/// <summary>
/// Reads global/pg_control directly where a query or pg_controldata would cost a connection or a process.
/// The file starts with the 64-bit system identifier in the server's byte order (always this host's).
/// </summary>
internal static class ControlFile
{
    public static async Task<string> ReadSystemIdentifierAsync(string dataDir, CancellationToken ct)
    {
        string path = Path.Combine(dataDir, "global", "pg_control");
        byte[] head = new byte[sizeof(ulong)];
        await using (FileStream file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(head, ct);
        }
        ulong id = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(head) : BinaryPrimitives.ReadUInt64BigEndian(head);
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
