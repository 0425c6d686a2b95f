using Microsoft.Extensions.Hosting;

namespace Pgha.Api;

/// <summary>
/// A host lifetime that does nothing. The default one traps SIGTERM and Ctrl-C; the agent owns shutdown (it must
/// stop PostgreSQL and release the leader key first), so the API server must not react to signals itself.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
