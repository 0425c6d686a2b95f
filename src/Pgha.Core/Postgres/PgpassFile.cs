using System.Globalization;

namespace Pgha.Core.Postgres;

/// <summary>The pgpass file handed to libpq tools through PGPASSFILE, so passwords never reach a command line.</summary>
public static class PgpassFile
{
    public static string Render(IEnumerable<PgpassEntry> entries) =>
        string.Concat(entries.Select(e =>
            $"{Escape(e.Host)}:{e.Port.ToString(CultureInfo.InvariantCulture)}:{Escape(e.Database)}:{Escape(e.User)}:{Escape(e.Password)}\n"));

    /// <summary>pgpass fields are ':'-separated; ':' and '\' inside a field are backslash-escaped.</summary>
    public static string Escape(string field) =>
        field.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
}
