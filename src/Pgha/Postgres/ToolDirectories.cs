namespace Pgha.Postgres;

/// <summary>
/// The directories outside the data directory that initdb or pg_basebackup will write, read from their arguments, so
/// their file systems can be held open for one syncfs before the tool starts.
/// </summary>
internal static class ToolDirectories
{
    private const string WalDir = "--waldir=";
    private const string TablespaceMapping = "--tablespace-mapping=";

    public static IEnumerable<string> From(IEnumerable<string> arguments)
    {
        foreach (string argument in arguments)
        {
            if (argument.StartsWith(WalDir, StringComparison.Ordinal))
            {
                yield return argument[WalDir.Length..];
            }
            else if (argument.StartsWith(TablespaceMapping, StringComparison.Ordinal) && NewDirectory(argument[TablespaceMapping.Length..]) is string target)
            {
                yield return target;
            }
        }
    }

    /// <summary>OLDDIR=NEWDIR, where an '=' inside a directory name is written "\=".</summary>
    private static string? NewDirectory(string mapping)
    {
        for (int i = 0; i < mapping.Length; i++)
        {
            if (mapping[i] == '=' && (i == 0 || mapping[i - 1] != '\\'))
            {
                return mapping[(i + 1)..].Replace("\\=", "=", StringComparison.Ordinal);
            }
        }
        return null;
    }
}
