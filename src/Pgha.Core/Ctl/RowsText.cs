using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pgha.Core.Ctl;

/// <summary>
/// The machine formats of patronictl's tables: tsv keeps every column; json and yaml are lists of objects
/// keyed by column title with empty cells dropped (numbers stay numbers).
/// </summary>
public static class RowsText
{
    public static string Tsv(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin('\t', headers).Append('\n');
        foreach (IReadOnlyList<string> row in rows)
        {
            text.AppendJoin('\t', row).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    public static string Json(IReadOnlyList<string> keys, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (IReadOnlyList<string> row in rows)
            {
                w.WriteStartObject();
                foreach ((string key, object value) in Cells(keys, row))
                {
                    if (value is long n)
                    {
                        w.WriteNumber(key, n);
                    }
                    else
                    {
                        w.WriteString(key, (string)value);
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Yaml(IReadOnlyList<string> keys, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var list = rows.Select(row => Cells(keys, row).ToDictionary(c => c.Key, c => (object?)c.Value)).ToList();
        return YamlBlockWriter.Write(list, quoteSpecialStrings: false).TrimEnd('\n');
    }

    private static IEnumerable<KeyValuePair<string, object>> Cells(IReadOnlyList<string> keys, IReadOnlyList<string> row)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            if (row[i].Length > 0)
            {
                yield return new(keys[i], long.TryParse(row[i], System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : row[i]);
            }
        }
    }
}
