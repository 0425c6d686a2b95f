namespace Pgha.Core.Config;

/// <summary>Reads <c>log:</c>.</summary>
internal static class LogSectionReader
{
    private static readonly string[] s_levels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];

    public static LogConfig Read(ConfigSection log)
    {
        var defaults = new LogConfig();
        var config = new LogConfig
        {
            Dir = log.Text("dir"),
            FileName = log.Text("filename") ?? defaults.FileName,
            Level = Level(log) ?? defaults.Level,
            FileSize = log.Long("file_size", defaults.FileSize) ?? defaults.FileSize,
            FileNum = log.Int("file_num", defaults.FileNum) ?? defaults.FileNum,
        };
        // Python-logging details with no meaning for pgha's logger; accepted so Patroni files load quietly.
        log.Accept("traceback_level", "format", "dateformat", "max_queue_size", "loggers");
        log.WarnUnknownKeys();
        return config;
    }

    private static string? Level(ConfigSection log)
    {
        ConfigScalar? scalar = log.Scalar("level");
        if (scalar is null)
        {
            return null;
        }
        string level = scalar.Text.Trim().ToUpperInvariant();
        if (s_levels.Contains(level))
        {
            return level;
        }
        log.Report.Error(scalar.Where, scalar.Text, "is not a log level", $"use one of {string.Join(", ", s_levels)}");
        return null;
    }
}
