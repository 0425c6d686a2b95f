namespace Pgha.Core.Config;

/// <summary>Reads <c>postgresql.basebackup</c> into pg_basebackup arguments such as <c>--checkpoint=fast</c>.</summary>
internal static class BasebackupArguments
{
    // Options pgha passes itself, or that would break the replica it builds (patroni-compat §5.3).
    private static readonly HashSet<string> s_owned = new(StringComparer.Ordinal)
    {
        "pgdata", "format", "xlog-method", "gzip", "version", "compress", "dbname", "host", "port", "username", "password",
    };

    /// <summary>The arguments, or null after recording errors.</summary>
    public static IReadOnlyList<string>? Read(ConfigSection pg)
    {
        IReadOnlyList<InitdbOption>? options = ToolOptionsReader.Read(pg, "basebackup", s_owned, "pg_basebackup");
        if (options is null)
        {
            return null;
        }
        var arguments = new List<string>();
        foreach (InitdbOption option in options)
        {
            // A replica built with fetched WAL can miss segments recycled during the copy, so only stream.
            if (option.Name == "wal-method" && option.Value != "stream")
            {
                pg.Report.Error($"{pg.PathOf("basebackup")}.{option.Name}", option.Value, "is not supported", "use wal-method: stream or remove it");
                return null;
            }
            arguments.Add(option.ToArgument());
        }
        return arguments;
    }
}
