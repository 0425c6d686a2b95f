using Npgsql;
using Pgha.Core.Verify;

namespace Pgha.Verify;

/// <summary>
/// One writer: inserts unique values (writer × 10⁹ + sequence) through the multi-host read-write string, one
/// transaction each, reconnecting after any error. A write counts as acknowledged only when COMMIT returned OK; an
/// error after COMMIT was sent leaves it unknown. Bounded by the caller's token and by <paramref name="maxWrites"/>.
/// </summary>
public sealed class VerifyWriter(int id, string connectionString, VerifyTable table, TimeSpan interval, int maxWrites, TimeProvider clock)
{
    private readonly List<AckedWrite> _acked = [];
    private readonly List<long> _unknown = [];
    private int _errors;
    private string? _lastError;

    /// <summary>The last server that acknowledged a write (host:port), for fault commands that target the primary.</summary>
    public AckedWrite? Last { get; private set; }

    public async Task<WriterResult> RunAsync(CancellationToken stop)
    {
        long sequence = 0;
        NpgsqlConnection? connection = null;
        while (!stop.IsCancellationRequested && sequence < maxWrites)
        {
            try
            {
                if (connection is null)
                {
                    connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stop);
                }
                await WriteOneAsync(connection, (id * 1_000_000_000L) + sequence++, stop);
                await Task.Delay(interval, clock, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                _errors++;
                _lastError = e.Message;
                await DropAsync(connection);
                connection = null;
                await Task.Delay(TimeSpan.FromMilliseconds(50), clock, CancellationToken.None);
            }
        }
        await DropAsync(connection);
        return new WriterResult(_acked, _unknown, _errors, _lastError);
    }

    private async Task WriteOneAsync(NpgsqlConnection connection, long value, CancellationToken stop)
    {
        DateTimeOffset sentAt = clock.GetUtcNow();
        await using NpgsqlTransaction tx = await connection.BeginTransactionAsync(stop);
        (string server, int timeline) = await table.InsertAsync(connection, value, id, stop);
        try
        {
            // Not cancellable: a commit cut short by our own stop would be unknown for no reason.
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            _unknown.Add(value);
            throw;
        }
        var write = new AckedWrite(value, id, server, timeline, sentAt, clock.GetUtcNow());
        _acked.Add(write);
        Last = write;
    }

    private static async Task DropAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
