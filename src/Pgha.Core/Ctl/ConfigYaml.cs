using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Ctl;

/// <summary>
/// The dynamic config between its DCS form (JSON) and the form people edit (YAML, keys sorted as patronictl shows
/// them). Scalars keep their types: numbers and booleans stay unquoted, strings that look like them are quoted.
/// </summary>
public static class ConfigYaml
{
    public static string FromJson(string json)
    {
        object? tree = ToPlain(JsonNode.Parse(json));
        return tree is null ? "{}\n" : YamlBlockWriter.Write(tree, quoteSpecialStrings: true);
    }

    /// <exception cref="FormatException">The YAML is malformed or not a mapping.</exception>
    public static JsonObject ToJson(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                return [];
            }
            return FromYaml(stream.Documents[0].RootNode) as JsonObject
                ?? throw new FormatException("the config must be a YAML mapping such as `ttl: 30`");
        }
        catch (YamlException e)
        {
            throw new FormatException($"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }

    /// <summary>One YAML scalar as patronictl's <c>-s key=value</c> reads it: null, booleans, numbers, else text.</summary>
    public static JsonNode? Scalar(string text)
    {
        if (text is "null" or "~" or "")
        {
            return null;
        }
        return FromYaml(new YamlScalarNode(text));
    }

    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", FromYaml(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(FromYaml).ToArray()),
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => JsonValue.Create(s.Value ?? ""),
        YamlScalarNode s => PlainScalar(s.Value ?? ""),
        _ => null,
    };

    private static JsonNode? PlainScalar(string v)
    {
        if (v is "null" or "~" or "" or "Null" or "NULL")
        {
            return null;
        }
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(v.Equals("true", StringComparison.OrdinalIgnoreCase));
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return JsonValue.Create(n);
        }
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && v.Contains('.', StringComparison.Ordinal))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(v);
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => new SortedDictionary<string, object?>(o.ToDictionary(p => p.Key, p => ToPlain(p.Value)), StringComparer.Ordinal),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue(out long l) ? l : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
