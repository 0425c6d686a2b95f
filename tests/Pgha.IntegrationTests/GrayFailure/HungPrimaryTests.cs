using Npgsql;
using Pgha.Processes;
using Pgha.Testing;

namespace Pgha.IntegrationTests.GrayFailure;

/// <summary>
/// The leader's postmaster is SIGSTOPped: new connections hang while the backends already connected could still
/// commit. The agent must kill the whole instance and give up the key; a working primary must take over, and the old
/// node must rejoin afterwards. The old node may win the race it opened (with a new postmaster: it holds the most WAL,
/// and nothing is wrong with it once the hung server is gone), so the test asks for a primary that is not the hung
/// server, not for another member.
/// </summary>
public sealed class HungPrimaryTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("grayhung", ["127.0.85.10", "127.0.85.11", "127.0.85.12"]);
    private int? _stopped;

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_stopped is int pid)
        {
            Signals.Send(pid, Signals.SigCont);
        }
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_stopped_postmaster_loses_the_leader_key_its_open_connections_can_no_longer_commit_and_it_rejoins()
    {
        string leader = await _cluster.WaitHealthyAsync();
        NpgsqlConnection open = await OpenWithTableAsync(leader);
        await using var _ = open;
        int postmaster = _cluster.PostmasterPid(leader)!.Value;

        Assert.True(Signals.Send(postmaster, Signals.SigStop));
        _stopped = postmaster;

        string next = await WaitForPrimaryOtherThanAsync(leader, postmaster);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => InsertAsync(open));
        Assert.Contains("demoting: PostgreSQL does not answer queries, releasing the leader key", _cluster.Log(leader), StringComparison.Ordinal);

        Signals.Send(postmaster, Signals.SigCont);
        _stopped = null;
        await _cluster.WaitHealthyAsync(replicas: 2, timeout: TimeSpan.FromSeconds(180));
        Assert.Equal(1L, await _cluster.CountAsync(next, "hung_writes"));
    }

    /// <summary>A leader with a streaming replica whose primary is not the hung postmaster: another member, or the same one restarted.</summary>
    private async Task<string> WaitForPrimaryOtherThanAsync(string hungNode, int hungPostmaster)
    {
        string next = "";
        await Wait.UntilAsync(async () =>
        {
            next = await _cluster.WaitHealthyAsync(replicas: 1, timeout: TimeSpan.FromSeconds(120));
            return next != hungNode || _cluster.PostmasterPid(hungNode) is int pid && pid != hungPostmaster;
        }, TimeSpan.FromSeconds(120), $"a primary other than {hungNode}'s hung postmaster {hungPostmaster}, with 1 streaming replica");
        return next;
    }

    /// <summary>A connection to the leader that has committed one row (retried: a loaded machine may time out a connect).</summary>
    private async Task<NpgsqlConnection> OpenWithTableAsync(string leader)
    {
        NpgsqlConnection? open = null;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await _cluster.ExecuteAsync(leader, "create table if not exists hung_writes(x int)");
                var connection = _cluster.Connect(leader);
                await connection.OpenAsync();
                await InsertAsync(connection);
                open = connection;
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "a connection to the leader that commits");
        return open!;
    }

    private static async Task InsertAsync(NpgsqlConnection connection)
    {
        await using var insert = new NpgsqlCommand("insert into hung_writes values (1)", connection);
        await insert.ExecuteNonQueryAsync();
    }
}
