using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Dcs;

/// <summary>The <c>history</c> value: a JSON array of <c>[timeline, lsn, reason, timestamp, new_leader]</c> rows.</summary>
public static class HistoryJson
{
    public static string Serialize(IEnumerable<HistoryEntry> entries) => DcsJson.Write(w => Write(w, entries));

    /// <summary>Writes the rows; GET /history serves the same JSON as the key holds.</summary>
    public static void Write(Utf8JsonWriter w, IEnumerable<HistoryEntry> entries)
    {
        w.WriteStartArray();
        foreach (HistoryEntry e in entries)
        {
            w.WriteStartArray();
            w.WriteNumberValue(e.Timeline);
            w.WriteNumberValue(e.Lsn);
            w.WriteStringValue(e.Reason);
            // The last two columns are optional; a new_leader needs a timestamp (or null) before it.
            if (e.Timestamp is not null || e.NewLeader is not null)
            {
                if (e.Timestamp is DateTimeOffset t)
                {
                    w.WriteStringValue(DcsJson.FormatTimestamp(t));
                }
                else
                {
                    w.WriteNullValue();
                }
            }
            if (e.NewLeader is not null)
            {
                w.WriteStringValue(e.NewLeader);
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>Parses the rows; unreadable values give an empty list and unreadable rows are skipped. Never throws.</summary>
    public static IReadOnlyList<HistoryEntry> Parse(string? value)
    {
        using JsonDocument? doc = DcsJson.TryParse(value);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var rows = new List<HistoryEntry>();
        foreach (JsonElement row in doc.RootElement.EnumerateArray())
        {
            if (ParseRow(row) is HistoryEntry entry)
            {
                rows.Add(entry);
            }
        }
        return rows;
    }

    private static HistoryEntry? ParseRow(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 3)
        {
            return null;
        }
        long? timeline = DcsJson.AsInt64(row[0]);
        long? lsn = DcsJson.AsInt64(row[1]);
        if (timeline is not (>= 0 and <= int.MaxValue) || lsn is null)
        {
            return null;
        }
        string reason = row[2].ValueKind == JsonValueKind.String ? row[2].GetString() ?? "" : row[2].GetRawText();
        DateTimeOffset? timestamp = row.GetArrayLength() > 3 && row[3].ValueKind == JsonValueKind.String
            ? DcsJson.ParseTimestamp(row[3].GetString()) : null;
        string? newLeader = row.GetArrayLength() > 4 && row[4].ValueKind == JsonValueKind.String ? row[4].GetString() : null;
        return new HistoryEntry((int)timeline.Value, lsn.Value, reason, timestamp, newLeader);
    }
}
