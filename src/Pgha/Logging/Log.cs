using Microsoft.Extensions.Logging;

namespace Pgha.Logging;

/// <summary>Source-generated log messages. Secrets never reach a template.</summary>
public static partial class Log
{
    /// <summary>The one Information line per HA cycle: what was decided and why.</summary>
    [LoggerMessage(EventId = LogEvents.HaCycle, Level = LogLevel.Information, Message = "{Reason}")]
    public static partial void HaCycle(ILogger logger, string reason);
}
