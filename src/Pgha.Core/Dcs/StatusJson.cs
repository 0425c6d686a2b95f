using System.Text.Json;

namespace Pgha.Core.Dcs;

/// <summary>The <c>status</c> value: <c>{"optime":&lt;lsn&gt;}</c>, the leader's last published WAL position.</summary>
public static class StatusJson
{
    public static string Serialize(long optime) => DcsJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("optime", optime);
        w.WriteEndObject();
    });

    /// <summary>The optime, or 0 when the value is absent or unreadable (as Patroni does).</summary>
    public static long ParseOptime(string? value) =>
        DcsJson.TryParseObject(value) is JsonElement o && o.GetInt64("optime") is long optime ? optime : 0;
}
