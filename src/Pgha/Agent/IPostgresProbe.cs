using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>Looks at the local PostgreSQL: process, SQL status, controldata. Never throws for a down server.</summary>
public interface IPostgresProbe
{
    Task<LocalPostgres> ProbeAsync(ReplayTimelineDetail detail, CancellationToken ct);
}
