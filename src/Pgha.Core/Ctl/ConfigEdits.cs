using System.Text.Json.Nodes;

namespace Pgha.Core.Ctl;

/// <summary>
/// The changes edit-config and PATCH /config make to the config JSON: <c>-s a.b=value</c> (YAML scalar, null removes),
/// <c>-p name=value</c> (postgresql.parameters, dots in the name kept), and a recursive merge where null deletes.
/// </summary>
public static class ConfigEdits
{
    /// <exception cref="FormatException">The assignment has no <c>=</c>.</exception>
    public static void Set(JsonObject config, string assignment)
    {
        (string path, string value) = Split(assignment, "-s");
        string[] keys = path.Split('.');
        JsonObject parent = config;
        foreach (string key in keys[..^1])
        {
            if (parent[key] is not JsonObject child)
            {
                child = [];
                parent[key] = child;
            }
            parent = child;
        }
        Assign(parent, keys[^1], ConfigYaml.Scalar(value));
    }

    public static void SetParameter(JsonObject config, string assignment)
    {
        (string name, string value) = Split(assignment, "-p");
        if (config["postgresql"] is not JsonObject pg)
        {
            pg = [];
            config["postgresql"] = pg;
        }
        if (pg["parameters"] is not JsonObject parameters)
        {
            parameters = [];
            pg["parameters"] = parameters;
        }
        Assign(parameters, name, ConfigYaml.Scalar(value));
    }

    /// <summary>PATCH semantics: objects merge key by key, null deletes, anything else replaces.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach ((string key, JsonNode? value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>The pg_hba lines that <paramref name="after"/> no longer has.</summary>
    public static IReadOnlyList<string> DroppedHbaLines(JsonObject before, JsonObject after)
    {
        static IEnumerable<string> Lines(JsonObject c) => (c["postgresql"]?["pg_hba"] as JsonArray)?.Select(ConfigCheck.Text) ?? [];
        var kept = Lines(after).ToHashSet(StringComparer.Ordinal);
        return Lines(before).Where(l => !kept.Contains(l)).ToList();
    }

    private static void Assign(JsonObject parent, string key, JsonNode? value)
    {
        if (value is null)
        {
            parent.Remove(key);
        }
        else
        {
            parent[key] = value;
        }
    }

    private static (string, string) Split(string assignment, string flag)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new FormatException($"{flag} {assignment}: write it as key=value");
        }
        return (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
    }
}
