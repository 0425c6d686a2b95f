using System.Collections.Concurrent;
using Npgsql;

namespace Pgha.Bench;

/// <summary>
/// An application writing every 20 ms through the multi-host connection string (target_session_attributes
/// read-write): one insert per tick on a kept connection, a new connection after any error. It remembers every
/// acknowledged write with the server that acknowledged it.
/// </summary>
public sealed class WriterClient(string connectionString, BenchClock clock) : IAsyncDisposable
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(20);
    private readonly ConcurrentQueue<WriteAck> _acks = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _nextId = DateTime.UtcNow.Ticks;

    public IReadOnlyList<WriteAck> Acks => _acks.ToArray();

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(s_period);
        NpgsqlConnection? connection = null;
        try
        {
            while (await WaitTickAsync(timer, ct))
            {
                long id = ++_nextId;
                try
                {
                    if (connection is null)
                    {
                        connection = new NpgsqlConnection(connectionString);
                        await connection.OpenAsync(ct);
                    }
                    await using var cmd = new NpgsqlCommand("insert into bench_writes(id) values (@id) returning host(inet_server_addr())", connection);
                    cmd.Parameters.AddWithValue("id", id);
                    string server = (string)(await cmd.ExecuteScalarAsync(ct))!;
                    _acks.Enqueue(new WriteAck(clock.Now, id, server));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.IO.IOException)
                {
                    // the outage itself: drop the connection and try again at the next tick
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                    }
                    connection = null;
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
