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

    public static void Write(Utf8JsonWriter w, IReadOnlyList<HistoryEntry> history)
    {
        w.WriteStartArray();
        foreach (HistoryEntry entry in history)
        {
            w.WriteStartArray();
            w.WriteNumberValue(entry.Timeline);
            w.WriteNumberValue(entry.Lsn);
            w.WriteStringValue(entry.Reason);
            // Old rows have three fields; a row with a leader but no time keeps the time's slot as null.
            if (entry.Timestamp is not null || entry.NewLeader is not null)
            {
                WriteTimeOrNull(w, entry.Timestamp);
            }
            if (entry.NewLeader is not null)
            {
                w.WriteStringValue(entry.NewLeader);
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void WriteTimeOrNull(Utf8JsonWriter w, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteStringValue(PatroniTime.ToIso(t));
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
