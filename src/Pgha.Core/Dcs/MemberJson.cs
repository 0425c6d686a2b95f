using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Dcs;

/// <summary>The <c>members/&lt;name&gt;</c> value in Patroni 3.0.2's JSON form.</summary>
/// <remarks>Wire format: never rename the field names; patronictl and monitors read them.</remarks>
public static class MemberJson
{
    public static string Serialize(Member member) => DcsJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("conn_url", member.ConnUrl);
        w.WriteString("api_url", member.ApiUrl);
        w.WriteString("state", member.State);
        w.WriteString("role", member.Role.ToWire());
        w.WriteString("version", member.Version);
        WriteTags(w, member.Tags);
        if (member.PendingRestart)
        {
            w.WriteBoolean("pending_restart", true);
            if (!string.IsNullOrEmpty(member.PendingRestartReason))
            {
                // A string (name: old->new, ...); Patroni 3.3+ writes a map here, which readers of 3.0.2 ignore.
                w.WriteString("pending_restart_reason", member.PendingRestartReason);
            }
        }
        if (member.XlogLocation is long xlog)
        {
            w.WriteNumber("xlog_location", xlog);
        }
        if (member.ReplicationState is { } replication)
        {
            w.WriteString("replication_state", replication);
        }
        if (member.Timeline is int timeline)
        {
            w.WriteNumber("timeline", timeline);
        }
        if (member.Paused)
        {
            w.WriteBoolean("pause", true);
        }
        w.WriteEndObject();
    });

    /// <summary>Parses a member value; never throws. Bad JSON gives a member with defaults (state stopped, no URLs).</summary>
    public static Member Parse(string name, string? value)
    {
        if (value is not null && value.StartsWith("postgres", StringComparison.Ordinal) && !value.StartsWith('{'))
        {
            return ParseLegacyUrl(name, value);
        }
        if (DcsJson.TryParseObject(value) is not JsonElement o)
        {
            return new Member { Name = name };
        }
        return new Member
        {
            Name = name,
            ConnUrl = o.GetString("conn_url") ?? "",
            ApiUrl = o.GetString("api_url") ?? "",
            State = o.GetString("state") ?? "stopped",
            ReplicationState = o.GetString("replication_state"),
            Role = MemberRoleWire.FromWire(o.GetString("role")),
            Version = o.GetString("version") ?? "",
            XlogLocation = o.GetInt64("xlog_location"),
            Timeline = o.GetInt64("timeline") is long tl && tl is > 0 and <= int.MaxValue ? (int)tl : null,
            Tags = o.TryGetProperty("tags", out JsonElement tags) && tags.ValueKind == JsonValueKind.Object ? ParseTags(tags) : MemberTags.None,
            PendingRestart = o.GetFlag("pending_restart"),
            PendingRestartReason = o.GetString("pending_restart_reason"),
            Paused = o.GetFlag("pause"),
        };
    }

    private static void WriteTags(Utf8JsonWriter w, MemberTags tags)
    {
        bool any = tags.NoFailover || tags.NoLoadBalance || tags.CloneFrom || tags.NoSync
            || tags.ReplicateFrom is not null || tags.Custom.Count > 0;
        if (!any)
        {
            return;
        }
        w.WriteStartObject("tags");
        // Patroni drops these four when false, so only true values appear.
        WriteTrue(w, "nofailover", tags.NoFailover);
        WriteTrue(w, "noloadbalance", tags.NoLoadBalance);
        WriteTrue(w, "clonefrom", tags.CloneFrom);
        WriteTrue(w, "nosync", tags.NoSync);
        if (tags.ReplicateFrom is not null)
        {
            w.WriteString("replicatefrom", tags.ReplicateFrom);
        }
        foreach ((string key, string value) in tags.Custom.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
    }

    private static void WriteTrue(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }

    private static MemberTags ParseTags(JsonElement tags)
    {
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in tags.EnumerateObject())
        {
            if (p.Name is not ("nofailover" or "noloadbalance" or "clonefrom" or "nosync" or "replicatefrom"))
            {
                custom[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            }
        }
        return new MemberTags
        {
            NoFailover = tags.GetFlag("nofailover"),
            NoLoadBalance = tags.GetFlag("noloadbalance"),
            CloneFrom = tags.GetFlag("clonefrom"),
            NoSync = tags.GetFlag("nosync"),
            ReplicateFrom = tags.GetString("replicatefrom"),
            Custom = custom,
        };
    }

    /// <summary>Members written by very old Patroni: <c>postgres://host:port/db?application_name=&lt;api_url&gt;</c>.</summary>
    private static Member ParseLegacyUrl(string name, string value)
    {
        int q = value.IndexOf('?', StringComparison.Ordinal);
        string connUrl = q < 0 ? value : value[..q];
        string apiUrl = "";
        if (q >= 0)
        {
            foreach (string pair in value[(q + 1)..].Split('&'))
            {
                if (pair.StartsWith("application_name=", StringComparison.Ordinal))
                {
                    apiUrl = Uri.UnescapeDataString(pair["application_name=".Length..]);
                }
            }
        }
        return new Member { Name = name, ConnUrl = connUrl, ApiUrl = apiUrl };
    }
}
