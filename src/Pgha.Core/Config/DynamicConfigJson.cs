using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pgha.Core.Config;

/// <summary>
/// The DCS <c>config</c> key's JSON, with Patroni's key names (patroni-compat §5.2). Parsing is tolerant, as
/// the key is shared with other tools: numbers may come as strings, unknown keys and unusable values are
/// skipped (the default stays).
/// </summary>
public static class DynamicConfigJson
{
    /// <exception cref="FormatException">The text is not a JSON object.</exception>
    public static DynamicConfig Parse(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the DCS config key holds {document.RootElement.ValueKind}, not a JSON object");
            }
            return Read(new JsonFields(document.RootElement));
        }
        catch (JsonException e)
        {
            throw new FormatException($"the DCS config key is not valid JSON ({e.Message})", e);
        }
    }

    private static DynamicConfig Read(JsonFields root)
    {
        var d = new DynamicConfig();
        JsonFields pg = root.Object("postgresql");
        return new DynamicConfig
        {
            Ttl = root.Int("ttl") ?? d.Ttl,
            LoopWait = root.Int("loop_wait") ?? d.LoopWait,
            RetryTimeout = root.Int("retry_timeout") ?? d.RetryTimeout,
            MaximumLagOnFailover = root.Long("maximum_lag_on_failover") ?? d.MaximumLagOnFailover,
            PrimaryStartTimeout = root.Int("primary_start_timeout") ?? root.Int("master_start_timeout") ?? d.PrimaryStartTimeout,
            PrimaryStopTimeout = root.Int("primary_stop_timeout") ?? root.Int("master_stop_timeout") ?? d.PrimaryStopTimeout,
            CheckTimeline = root.Bool("check_timeline") ?? d.CheckTimeline,
            SynchronousMode = root.Bool("synchronous_mode") ?? d.SynchronousMode,
            SynchronousModeStrict = root.Bool("synchronous_mode_strict") ?? d.SynchronousModeStrict,
            SynchronousNodeCount = root.Int("synchronous_node_count") ?? d.SynchronousNodeCount,
            MaximumLagOnSyncNode = root.Long("maximum_lag_on_syncnode") ?? d.MaximumLagOnSyncNode,
            FailsafeMode = root.Bool("failsafe_mode") ?? d.FailsafeMode,
            Pause = root.Bool("pause") ?? d.Pause,
            UsePgRewind = pg.Bool("use_pg_rewind") ?? d.UsePgRewind,
            UseSlots = pg.Bool("use_slots") ?? d.UseSlots,
            Parameters = pg.TextMap("parameters") ?? d.Parameters,
            PgHba = pg.TextList("pg_hba"),
            RecoveryConf = pg.TextMap("recovery_conf") ?? d.RecoveryConf,
        };
    }

    /// <summary>Compact JSON as Patroni writes it: numbers as numbers, booleans as booleans.</summary>
    public static string Serialize(DynamicConfig config)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("ttl", config.Ttl);
            json.WriteNumber("loop_wait", config.LoopWait);
            json.WriteNumber("retry_timeout", config.RetryTimeout);
            json.WriteNumber("maximum_lag_on_failover", config.MaximumLagOnFailover);
            json.WriteNumber("primary_start_timeout", config.PrimaryStartTimeout);
            json.WriteNumber("primary_stop_timeout", config.PrimaryStopTimeout);
            json.WriteBoolean("check_timeline", config.CheckTimeline);
            json.WriteBoolean("synchronous_mode", config.SynchronousMode);
            json.WriteBoolean("synchronous_mode_strict", config.SynchronousModeStrict);
            json.WriteNumber("synchronous_node_count", config.SynchronousNodeCount);
            if (config.MaximumLagOnSyncNode > 0)
            {
                // Unset by default, as in Patroni; only a limit someone chose is written back.
                json.WriteNumber("maximum_lag_on_syncnode", config.MaximumLagOnSyncNode);
            }
            json.WriteBoolean("failsafe_mode", config.FailsafeMode);
            if (config.Pause)
            {
                // Patroni removes the key on resume rather than writing false.
                json.WriteBoolean("pause", true);
            }
            WritePostgresql(json, config);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePostgresql(Utf8JsonWriter json, DynamicConfig config)
    {
        json.WriteStartObject("postgresql");
        json.WriteBoolean("use_pg_rewind", config.UsePgRewind);
        json.WriteBoolean("use_slots", config.UseSlots);
        json.WriteStartObject("parameters");
        foreach ((string name, string value) in config.Parameters)
        {
            WriteParameter(json, name, value);
        }
        json.WriteEndObject();
        if (config.PgHba is not null)
        {
            json.WriteStartArray("pg_hba");
            config.PgHba.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
        }
        if (config.RecoveryConf.Count > 0)
        {
            json.WriteStartObject("recovery_conf");
            foreach ((string name, string value) in config.RecoveryConf)
            {
                WriteParameter(json, name, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    // "100" is written as 100, like Patroni's YAML-born values; "0600", "1GB" and "on" stay text.
    private static void WriteParameter(Utf8JsonWriter json, string name, string value)
    {
        // The round trip through long rejects leading zeros, "+5" and "-0", which are not JSON numbers.
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
            && number.ToString(CultureInfo.InvariantCulture) == value)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
