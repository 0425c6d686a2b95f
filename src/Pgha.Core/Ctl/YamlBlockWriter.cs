using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pgha.Core.Ctl;

/// <summary>
/// Writes a plain tree (string-keyed maps, lists, strings, long, double, bool, null) as block YAML through
/// YamlDotNet's emitter, scalar by scalar, so no reflection is involved (the published binary is NativeAOT).
/// The text is what YamlDotNet's reflection serializer wrote for the same tree, byte for byte.
/// </summary>
internal static partial class YamlBlockWriter
{
    private static readonly TagName s_str = new("tag:yaml.org,2002:str");
    private static readonly TagName s_int = new("tag:yaml.org,2002:int");
    private static readonly TagName s_float = new("tag:yaml.org,2002:float");
    private static readonly TagName s_bool = new("tag:yaml.org,2002:bool");
    private static readonly TagName s_null = new("tag:yaml.org,2002:null");

    /// <param name="quoteSpecialStrings">Double-quote strings a YAML reader would take for null, a boolean or a number.</param>
    public static string Write(object? tree, bool quoteSpecialStrings)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Node(emitter, tree, quoteSpecialStrings);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Node(Emitter emitter, object? node, bool quote)
    {
        switch (node)
        {
            case IEnumerable<KeyValuePair<string, object?>> map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Any));
                foreach ((string key, object? value) in map)
                {
                    Node(emitter, key, quote);
                    Node(emitter, value, quote);
                }
                emitter.Emit(new MappingEnd());
                break;
            case string s:
                ScalarStyle style = quote && IsSpecial(s) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
                emitter.Emit(new Scalar(AnchorName.Empty, s_str, s, style, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case System.Collections.IEnumerable list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Any));
                foreach (object? item in list)
                {
                    Node(emitter, item, quote);
                }
                emitter.Emit(new SequenceEnd());
                break;
            default:
                (TagName tag, string text) = Scalar(node);
                emitter.Emit(new Scalar(AnchorName.Empty, tag, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static (TagName Tag, string Value) Scalar(object? value) => value switch
    {
        null => (s_null, ""),
        bool b => (s_bool, b ? "true" : "false"),
        long n => (s_int, n.ToString(CultureInfo.InvariantCulture)),
        double d when double.IsNaN(d) => (s_float, ".nan"),
        double d when double.IsPositiveInfinity(d) => (s_float, ".inf"),
        double d when double.IsNegativeInfinity(d) => (s_float, "-.inf"),
        double d => (s_float, d.ToString("G", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"no YAML form for a {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Blank, or a YAML 1.2 core-schema null, boolean, integer, float, infinity or NaN.</summary>
    private static bool IsSpecial(string s) => s.Trim().Length == 0 || SpecialScalar().IsMatch(s);

    [GeneratedRegex(@"^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
        + @"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\s.*)$")]
    private static partial Regex SpecialScalar();
}
