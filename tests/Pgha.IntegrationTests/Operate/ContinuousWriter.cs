using Npgsql;

namespace Pgha.IntegrationTests.Operate;

/// <summary>Inserts rows 1, 2, 3... into <c>w</c> through the multi-host writer string; counts only acknowledged commits.</summary>
public sealed class ContinuousWriter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _acknowledged;

    public ContinuousWriter(string connectionString) => _loop = Task.Run(() => RunAsync(connectionString));

    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public int Errors { get; private set; }

    public async Task WaitForRowsAsync(long rows)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (Acknowledged < rows)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(string connectionString)
    {
        long next = 1;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var c = new NpgsqlConnection(connectionString);
                await c.OpenAsync(_stop.Token);
                await using (var max = new NpgsqlCommand("select coalesce(max(x), 0) + 1 from w", c))
                {
                    // A commit cut by the outage may have landed: continue after whatever is there.
                    next = Math.Max(next, Convert.ToInt64(await max.ExecuteScalarAsync(_stop.Token), System.Globalization.CultureInfo.InvariantCulture));
                }
                while (!_stop.IsCancellationRequested)
                {
                    await using var insert = new NpgsqlCommand($"insert into w values ({next})", c);
                    await insert.ExecuteNonQueryAsync(_stop.Token);
                    next++;
                    Interlocked.Exchange(ref _acknowledged, next - 1);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The brief outage of a switchover: reconnect and carry on. A row whose commit was cut may be there or not.
                Errors++;
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
