using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>
/// Assembles one <see cref="HaInput"/>: <c>Input.For(Settings.For("n2")).Sees(Cluster.WithLeader("n1")).Finds(Postgres.RunningReplica())</c>.
/// Defaults: an initialized cluster without leader, a running replica, fresh memory, no peers, at <see cref="Clock.T0"/>.
/// </summary>
public sealed class Input
{
    private HaInput _input;

    private Input(HaSettings settings) => _input = new HaInput
    {
        Settings = settings,
        Cluster = Cluster.WithoutLeader(),
        Postgres = Postgres.RunningReplica(),
        Memory = Memory.Fresh,
        Now = Clock.T0,
    };

    public static Input For(HaSettings settings) => new(settings);

    public static Input For(string name) => new(Settings.For(name));

    public Input Sees(ClusterView cluster) => With(_input with { Cluster = cluster });

    public Input Finds(LocalPostgres postgres) => With(_input with { Postgres = postgres });

    public Input Remembers(AgentMemory memory) => With(_input with { Memory = memory });

    public Input Probes(params PeerReport[] peers) => With(_input with { Peers = peers });

    public Input Running(string longAction) => With(_input with { LongAction = new LongActionStatus(longAction, Running: true, Failed: false, Error: null) });

    public Input Finished(string longAction) => With(_input with { LongAction = new LongActionStatus(longAction, Running: false, Failed: false, Error: null) });

    public Input Failed(string longAction, string error) => With(_input with { LongAction = new LongActionStatus(longAction, Running: false, Failed: true, Error: error) });

    public Input At(DateTimeOffset now) => With(_input with { Now = now });

    public HaInput Build() => _input;

    public static implicit operator HaInput(Input builder) => builder.Build();

    private Input With(HaInput input)
    {
        _input = input;
        return this;
    }
}
