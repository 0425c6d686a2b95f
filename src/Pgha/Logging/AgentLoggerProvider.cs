using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Pgha.Logging;

/// <summary>
/// Writes Patroni-style lines (<c>2025-11-17 00:32:07,075 INFO: message</c>) to stderr, and to a file with size
/// rotation when <c>log.dir</c> is set. One lock keeps lines whole; the agent logs a few lines per cycle.
/// </summary>
public sealed class AgentLoggerProvider : ILoggerProvider
{
    private readonly object _gate = new();
    private readonly LogLevel _minimum;
    private readonly RotatingFile? _file;
    private readonly TextWriter? _console;

    public AgentLoggerProvider(LogLevel minimum, RotatingFile? file, TextWriter? console)
    {
        _minimum = minimum;
        _file = file;
        _console = console;
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(this);

    public void Dispose() => _file?.Dispose();

    /// <summary>Maps Patroni's level names to .NET's.</summary>
    public static LogLevel ParseLevel(string level) => level.ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.Debug,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" or "FATAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    private void Write(LogLevel level, string message, Exception? exception)
    {
        string name = level switch
        {
            LogLevel.Trace or LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO",
            LogLevel.Warning => "WARNING",
            LogLevel.Error => "ERROR",
            _ => "CRITICAL",
        };
        string time = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        string line = exception is null || level < LogLevel.Error ? $"{time} {name}: {message}" : $"{time} {name}: {message}\n{exception}";
        lock (_gate)
        {
            _console?.WriteLine(line);
            _file?.WriteLine(line);
        }
    }

    private sealed class LineLogger(AgentLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }
}
