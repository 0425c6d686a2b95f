using System.Text.Encodings.Web;
using System.Text.Json;
using Pgha.Core.Ctl;
using YamlDotNet.Serialization;

namespace Pgha.Core.Tests.Ctl;

/// <summary>
/// The published binary writes YAML and JSON without reflection (NativeAOT); the text must stay what YamlDotNet's and
/// System.Text.Json's reflection serializers wrote before, which these tests still use as the reference.
/// </summary>
public sealed class YamlOutputTests
{
    private static readonly string[] s_awkward =
    [
        "plain", "true", "False", "null", "~", "", " ", " lead", "trail ", "1", "-7", "0x1F", "0o17", "1.5", "1e3", ".inf", "-.Inf", ".NaN",
        "yes", "on", "a: b", "a #b", "- x", "'q'", "\"dq\"", "multi\nline", "tab\there", "ünïcode", "{x}", "[y]", "*ref", "&anchor", "!tag", "%pct",
        "@at", "`tick", "128MB", "10.0.0.1", "postgres://u@h:5432/db", "?", ":", "line\n", "#",
    ];

    [Fact]
    public void Config_yaml_is_what_the_reflection_serializer_wrote_for_every_kind_of_value()
    {
        var config = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ttl"] = 30L,
            ["ratio"] = 0.5,
            ["big"] = 1e20,
            ["neg"] = -3L,
            ["pause"] = true,
            ["off"] = false,
            ["nothing"] = null,
            ["empty_map"] = new SortedDictionary<string, object?>(StringComparer.Ordinal),
            ["empty_list"] = new List<object?>(),
            ["postgresql"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["parameters"] = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["max_connections"] = 100L, ["wal_level"] = "replica" },
                ["pg_hba"] = new List<object?> { "host all all 0.0.0.0/0 md5", "local all all trust" },
                ["nested_lists"] = new List<object?> { new List<object?> { 1L, "2" }, new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["k"] = "v" } },
            },
            ["1"] = "numeric key",
            ["true"] = "boolean key",
        };
        for (int i = 0; i < s_awkward.Length; i++)
        {
            config[$"s{i:00}"] = s_awkward[i];
        }
        string expected = new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(config);

        Assert.Equal(expected, YamlBlockWriter.Write(config, quoteSpecialStrings: true));
    }

    [Fact]
    public void Config_yaml_of_dcs_json_keeps_types_and_sorted_keys()
    {
        string yaml = ConfigYaml.FromJson("{\"ttl\":30,\"loop_wait\":10,\"postgresql\":{\"parameters\":{\"x\":\"on\",\"y\":\"1\"}},\"pause\":true,\"tags\":[]}");

        Assert.Equal("loop_wait: 10\npause: true\npostgresql:\n  parameters:\n    x: on\n    y: \"1\"\ntags: []\nttl: 30\n", yaml);
    }

    [Fact]
    public void Row_yaml_and_json_are_what_the_reflection_serializers_wrote()
    {
        string[] keys = ["Member", "Host", "TL", "Note"];
        var rows = s_awkward.Select((s, i) => (IReadOnlyList<string>)[$"n{i}", s, $"{i}", i % 3 == 0 ? "" : "<&>\"é"]).ToList();
        var plain = rows.Select(r => keys.Zip(r).Where(c => c.Second.Length > 0)
            .ToDictionary(c => c.First, c => long.TryParse(c.Second, out long n) ? (object)n : c.Second)).ToList();
        string expectedYaml = new SerializerBuilder().Build().Serialize(plain).TrimEnd('\n');
        string expectedJson = JsonSerializer.Serialize(plain, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Equal(expectedYaml, RowsText.Yaml(keys, rows));
        Assert.Equal(expectedJson, RowsText.Json(keys, rows));
    }
}
