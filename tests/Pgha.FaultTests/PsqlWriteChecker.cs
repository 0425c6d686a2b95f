using System.Diagnostics;
using System.Globalization;
using Pgha.Testing;

namespace Pgha.FaultTests;

/// <summary>
/// One sequential writer in the client namespace: a bash loop of psql inserts (1, 2, 3...) through libpq's
/// read-write host list, each bounded by <c>timeout</c>, logging every acknowledged value with its send and
/// acknowledge times and the server that took it. The read-back runs on the final primary.
/// </summary>
public sealed class PsqlWriteChecker : IWriteChecker
{
    private const string Script = """
        #!/usr/bin/env bash
        # Writes 1, 2, 3... until the stop file exists; appends "value sent_ns acked_ns server" per acknowledged write.
        conninfo=$1 out=$2 stop=$3
        i=0
        while [[ ! -e $stop ]]; do
          i=$((i + 1))
          start=$(date +%s%N)
          if server=$(timeout -s KILL 10 psql "$conninfo" -XAtq -v ON_ERROR_STOP=1 -c "insert into w values ($i) returning inet_server_addr()" 2>/dev/null); then
            echo "$i $start $(date +%s%N) $server" >> "$out"
          else
            sleep 0.1
          fi
        done
        """;

    private readonly FaultCluster _cluster;
    private readonly TestPaths _paths = new("writer");
    private Process? _process;

    public PsqlWriteChecker(FaultCluster cluster) => _cluster = cluster;

    private string AcksFile => _paths.Sub("acks");
    private string StopFile => _paths.Sub("stop");

    public async Task StartAsync(CancellationToken ct = default)
    {
        string writer = _cluster.ConnInfo([.. FaultCluster.Nodes]);
        await _cluster.PsqlAsync(writer, "create table if not exists w (v bigint primary key)");
        string script = _paths.Sub("writer.sh");
        await File.WriteAllTextAsync(script, Script + "\n", ct);
        await File.WriteAllTextAsync(AcksFile, "", ct);
        _process = _cluster.Lab.Start(FaultCluster.Client, "bash", [script, writer, AcksFile, StopFile], _paths.Sub("writer.log"));
    }

    public async Task WaitForMoreAsync(int more, CancellationToken ct = default)
    {
        int target = ReadAcks().Count + more;
        await Wait.UntilAsync(() => _process is { HasExited: false } ? ReadAcks().Count >= target : throw new InvalidOperationException("the writer exited"),
            TimeSpan.FromSeconds(180), $"{target} writes acknowledged");
    }

    public async Task<WriteReport> StopAsync(string finalPrimary, CancellationToken ct = default)
    {
        await File.WriteAllTextAsync(StopFile, "", ct);
        if (_process is not null)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(bounded.Token);
        }
        string rows = await _cluster.PsqlAsync(_cluster.ConnInfo(finalPrimary), "select v from w");
        HashSet<long> present = rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => long.Parse(r, CultureInfo.InvariantCulture)).ToHashSet();
        return WriteHistory.Judge(ReadAcks(), present);
    }

    private List<WriteAck> ReadAcks()
    {
        Dictionary<string, string> nodeOf = FaultCluster.Nodes.ToDictionary(_cluster.Lab.Address);
        return File.ReadAllLines(AcksFile)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 4)
            .Select(f => new WriteAck(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
                long.Parse(f[2], CultureInfo.InvariantCulture), nodeOf.GetValueOrDefault(f[3], f[3])))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await _cluster.Lab.StopAsync(_process);
        }
        _paths.Dispose();
    }
}
