using Pgha.Api;
using Pgha.Core.Api;

namespace Pgha.IntegrationTests.Api;

/// <summary>A snapshot slot the test sets directly, in place of the HA loop.</summary>
public sealed class FakeSnapshotSource : ISnapshotSource
{
    public AgentSnapshot? Current { get; set; }
}
