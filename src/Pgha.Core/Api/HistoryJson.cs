using System.Buffers;
using System.Text;
using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Api;

/// <summary>The body of <c>GET /history</c>: the history key's rows, <c>[tl, lsn, reason, timestamp, new_leader]</c>.</summary>
public static class HistoryJson
{
    public static string Build(IReadOnlyList<HistoryEntry> history)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            Write(writer, history);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<HistoryEntry> history) => Dcs.HistoryJson.Write(w, history);
}
