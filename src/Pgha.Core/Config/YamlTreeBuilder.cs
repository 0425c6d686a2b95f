using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Config;

/// <summary>
/// Builds YamlDotNet's representation model from parser events ourselves rather than through
/// <see cref="YamlStream"/>: YamlStream stops at the first duplicate key, and we want every duplicate
/// reported with its key path, next to all other errors.
/// </summary>
internal sealed class YamlTreeBuilder
{
    private readonly Parser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<ConfigError> _errors = [];
    private Mark _lastMark = Mark.Empty;

    private YamlTreeBuilder(string text) => _parser = new Parser(new StringReader(text));

    public static YamlTree Build(string text)
    {
        var builder = new YamlTreeBuilder(text);
        try
        {
            return new YamlTree(builder.ReadStream(), builder._errors);
        }
        catch (YamlException e)
        {
            return Malformed(e.Start, StripMarks(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not YamlException) on some unterminated flow collections.
            return Malformed(builder._lastMark, "ends inside an unfinished [list] or {map}");
        }
    }

    private static YamlTree Malformed(Mark at, string detail) =>
        new(null, [new ConfigError($"line {at.Line}, column {at.Column}", null,
            $"is not valid YAML ({detail.TrimEnd('.')})", "check the indentation, quoting and brackets there")]);

    // "(Line: 3, Col: 2, Idx: 10) - (Line: 3, ...): While parsing ..." -> "While parsing ..."
    private static string StripMarks(string message)
    {
        int end = message.IndexOf("): ", StringComparison.Ordinal);
        return end < 0 ? message : message[(end + 3)..];
    }

    private YamlNode? ReadStream()
    {
        Next<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }
        Next<DocumentStart>();
        YamlNode root = ReadNode("");
        Next<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out DocumentStart? second))
        {
            _errors.Add(new ConfigError($"line {second.Start.Line}", null,
                "starts a second YAML document", "keep one document per config file (remove the extra ---)"));
        }
        return root;
    }

    private T Next<T>() where T : ParsingEvent
    {
        T current = _parser.Consume<T>();
        _lastMark = current.End;
        return current;
    }

    private T? Take<T>() where T : ParsingEvent
    {
        if (_parser.Current is not T current)
        {
            return null;
        }
        _parser.MoveNext();
        _lastMark = current.End;
        return current;
    }

    private YamlNode ReadNode(string path)
    {
        if (Take<AnchorAlias>() is { } alias)
        {
            return _anchors.TryGetValue(alias.Value.Value, out YamlNode? target)
                ? target
                : Problem(path, $"*{alias.Value} refers to no anchor", $"define &{alias.Value} before using it");
        }
        if (Take<Scalar>() is { } scalar)
        {
            return Anchor(scalar.Anchor, new YamlScalarNode(scalar.Value) { Style = scalar.Style });
        }
        if (Take<SequenceStart>() is { } sequence)
        {
            return Anchor(sequence.Anchor, ReadSequence(path));
        }
        MappingStart mapping = Next<MappingStart>();
        return Anchor(mapping.Anchor, ReadMapping(path));
    }

    private YamlSequenceNode ReadSequence(string path)
    {
        var node = new YamlSequenceNode();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            node.Add(ReadNode($"{path}[{node.Children.Count}]"));
        }
        return node;
    }

    private YamlMappingNode ReadMapping(string path)
    {
        var node = new YamlMappingNode();
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            long line = _parser.Current?.Start.Line ?? 0;
            YamlNode keyNode = ReadNode(path);
            if (keyNode is not YamlScalarNode { Value: string key })
            {
                ReadNode(path);
                Problem(path, "has a key that is a list or map", "use plain text keys");
                continue;
            }
            string childPath = path.Length == 0 ? key : $"{path}.{key}";
            YamlNode value = ReadNode(childPath);
            if (key == "<<" && keyNode is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                Merge(node, value);
            }
            else if (lines.TryGetValue(key, out long first))
            {
                _errors.Add(new ConfigError(childPath, (value as YamlScalarNode)?.Value,
                    $"is set twice (lines {first} and {line})", "keep only one of them"));
            }
            else
            {
                lines[key] = line;
                node.Children[new YamlScalarNode(key)] = value;
            }
        }
        return node;
    }

    // YAML merge keys (<<: *defaults): explicit keys win over merged ones, as in PyYAML.
    private static void Merge(YamlMappingNode target, YamlNode source)
    {
        IEnumerable<YamlMappingNode> sources = source switch
        {
            YamlMappingNode map => [map],
            YamlSequenceNode list => list.Children.OfType<YamlMappingNode>(),
            _ => [],
        };
        foreach (KeyValuePair<YamlNode, YamlNode> entry in sources.SelectMany(m => m.Children))
        {
            target.Children.TryAdd(entry.Key, entry.Value);
        }
    }

    private YamlNode Anchor(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
        return node;
    }

    private YamlScalarNode Problem(string path, string problem, string fix)
    {
        _errors.Add(new ConfigError(path.Length == 0 ? "(top level)" : path, null, problem, fix));
        return new YamlScalarNode("") { Style = ScalarStyle.Plain };
    }
}
