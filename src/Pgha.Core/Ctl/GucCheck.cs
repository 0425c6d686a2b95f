using System.Globalization;
using Pgha.Core.Config;

namespace Pgha.Core.Ctl;

/// <summary>
/// Checks <c>postgresql.parameters</c> against the leader's own <c>pg_settings</c>: the name must exist (or be a
/// dotted extension placeholder), and the value must fit its type, range and enum values, as PostgreSQL would.
/// </summary>
public static class GucCheck
{
    private static readonly Dictionary<string, double> s_memoryKb = new(StringComparer.Ordinal) { ["B"] = 1.0 / 1024, ["kB"] = 1, ["MB"] = 1024, ["GB"] = 1024 * 1024, ["TB"] = 1024.0 * 1024 * 1024 };
    private static readonly Dictionary<string, double> s_timeMs = new(StringComparer.Ordinal) { ["us"] = 0.001, ["ms"] = 1, ["s"] = 1000, ["min"] = 60_000, ["h"] = 3_600_000, ["d"] = 86_400_000 };
    private static readonly System.Text.RegularExpressions.Regex s_number = new(@"^\s*([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly string[] s_boolWords = ["on", "off", "true", "false", "yes", "no", "1", "0"];

    public static IReadOnlyList<ConfigError> Validate(IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, PgSetting> settings)
    {
        var errors = new List<ConfigError>();
        foreach ((string name, string value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string key = $"postgresql.parameters.{name}";
            if (!settings.TryGetValue(name.ToLowerInvariant(), out PgSetting? setting))
            {
                if (!name.Contains('.', StringComparison.Ordinal))
                {
                    errors.Add(new ConfigError(key, value, "is not a PostgreSQL parameter (not in the leader's pg_settings)", "check the spelling or remove it"));
                }
                continue;
            }
            if (Problem(setting, value) is { } problem)
            {
                errors.Add(new ConfigError(key, value, problem.What, problem.Fix));
            }
        }
        return errors;
    }

    private static (string What, string Fix)? Problem(PgSetting s, string value) => s.VarType switch
    {
        "bool" => IsBool(value) ? null : ("is not a boolean", "use on or off"),
        "enum" => s.EnumValues.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase) ? null : ("is not one of the allowed values", $"use one of {string.Join(", ", s.EnumValues)}"),
        "integer" or "real" => Numeric(s, value),
        _ => null,
    };

    private static bool IsBool(string value)
    {
        string v = value.Trim().ToLowerInvariant();
        return v.Length > 0 && s_boolWords.Any(w => w.StartsWith(v, StringComparison.Ordinal) && (v.Length > 1 || v is not "o"));
    }

    private static (string, string)? Numeric(PgSetting s, string value)
    {
        if (Number(s, value) is not double n)
        {
            string units = s.Unit is null ? "" : $" (unit {s.Unit}{(UnitTable(s.Unit) is null ? "" : ", or with a unit such as 128MB or 30s")})";
            return ($"is not a valid {s.VarType}", $"write a number{units}");
        }
        if (s.VarType == "integer" && Math.Abs(n - Math.Round(n)) > 1e-9 && s.Unit is null)
        {
            return ("is not an integer", "write a whole number");
        }
        if ((s.Min is { } min && n < min) || (s.Max is { } max && n > max))
        {
            return ($"is outside the valid range {Text(s.Min)} .. {Text(s.Max)}{(s.Unit is null ? "" : $" (unit {s.Unit})")}", "choose a value inside the range");
        }
        return null;
    }

    /// <summary>The value in the setting's own unit (e.g. 8kB pages for shared_buffers), or null when unreadable.</summary>
    public static double? Number(PgSetting s, string value)
    {
        System.Text.RegularExpressions.Match m = s_number.Match(value);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return null;
        }
        string unit = m.Groups[2].Value;
        if (unit.Length == 0)
        {
            return number;
        }
        if (s.Unit is null || UnitTable(s.Unit) is not { } table || !table.TryGetValue(unit, out double factor))
        {
            return null;
        }
        return number * factor / BaseFactor(s.Unit, table);
    }

    private static Dictionary<string, double>? UnitTable(string unit) =>
        unit.EndsWith("B", StringComparison.Ordinal) ? s_memoryKb : unit is "ms" or "s" or "min" or "us" or "h" or "d" ? s_timeMs : null;

    /// <summary>pg_settings units such as <c>8kB</c> or <c>16MB</c> or <c>s</c>.</summary>
    private static double BaseFactor(string unit, Dictionary<string, double> table)
    {
        int digits = 0;
        while (digits < unit.Length && char.IsDigit(unit[digits]))
        {
            digits++;
        }
        double multiple = digits == 0 ? 1 : double.Parse(unit[..digits], CultureInfo.InvariantCulture);
        return multiple * table.GetValueOrDefault(unit[digits..], 1);
    }

    private static string Text(double? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
}
