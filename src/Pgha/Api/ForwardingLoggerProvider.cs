using Microsoft.Extensions.Logging;

namespace Pgha.Api;

/// <summary>Sends the web host's log lines to the agent's own logger factory, so there is one log, not two.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    // The target factory belongs to the agent, which disposes it.
    public void Dispose()
    {
    }
}
