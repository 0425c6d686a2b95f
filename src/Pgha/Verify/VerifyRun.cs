using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using Pgha.Cli;
using Pgha.Core.Verify;

namespace Pgha.Verify;

/// <summary>
/// One <c>pgha verify</c> run: create the table, run the writers for the duration while the faults of the schedule
/// are injected and healed, wait for the cluster to settle, read every member, and analyse. Progress goes to
/// <paramref name="log"/> (stderr), one line per fault.
/// </summary>
public sealed class VerifyRun(VerifySettings settings, TextWriter log, TimeProvider clock)
{
    private readonly List<FaultEvent> _faults = [];
    private readonly List<VerifyWriter> _writers = [];

    public async Task<(VerifyReport Report, VerifyRunInfo Info)> RunAsync(CancellationToken ct)
    {
        var table = new VerifyTable(settings.Table, RandomNumberGenerator.GetInt32(1, int.MaxValue));
        bool syncFromServer = await PrepareAsync(table, ct);
        (bool sync, string source) = settings.Synchronous is bool forced ? (forced, forced ? "--sync" : "--async")
            : settings.ClusterConfig is { } config ? (config.SynchronousMode, "dcs config")
            : (syncFromServer, "synchronous_standby_names");
        IReadOnlyList<PlannedFault> plan = FaultSchedule.Plan(settings.Faults, settings.FaultEvery, settings.FaultHold, settings.Duration, settings.Seed);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(settings.Duration);
        int perWriter = Math.Max(1, settings.MaxWrites / settings.Writers);
        for (int i = 1; i <= settings.Writers; i++)
        {
            _writers.Add(new VerifyWriter(i, settings.Dsn.Writer(), table, settings.Interval, perWriter, clock));
        }
        DateTimeOffset start = clock.GetUtcNow();
        Task<WriterResult[]> writing = Task.WhenAll(_writers.Select(w => Task.Run(() => w.RunAsync(stop.Token), CancellationToken.None)));
        await InjectAsync(plan, start, stop.Token);
        WriterResult[] results = await writing;
        DateTimeOffset end = clock.GetUtcNow();
        if (results.Sum(r => r.Errors) is int errors and > 0)
        {
            log.WriteLine($"writer errors: {errors} (reconnected after each; last: {results.Select(r => r.LastError).LastOrDefault(e => e is not null)})");
        }

        log.WriteLine($"writes stopped; waiting up to {settings.Settle.TotalSeconds:0} s for one primary and every member to answer");
        IReadOnlyList<NodeContents> nodes = await new VerifyReadBack(settings.Dsn, table, clock).ReadSettledAsync(settings.Settle, ct);
        VerifyReport report = VerifyAnalysis.Analyze(results.SelectMany(r => r.Acked).ToList(), results.SelectMany(r => r.Unknown).ToList(), nodes, _faults, end, settings.Interval);
        var info = new VerifyRunInfo
        {
            RunId = table.RunId,
            Writers = settings.Writers,
            Duration = end - start,
            Table = table.Name,
            Seed = settings.Seed,
            SynchronousMode = sync,
            ModeSource = source,
            MaximumLagOnFailover = settings.ClusterConfig?.MaximumLagOnFailover,
        };
        return (report, info);
    }

    /// <summary>Creates the table through the writers' string; returns whether synchronous_standby_names is set.</summary>
    private async Task<bool> PrepareAsync(VerifyTable table, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(settings.Dsn.Writer());
            await connection.OpenAsync(ct);
            await table.CreateAsync(connection, ct);
            await using var sync = new NpgsqlCommand("select current_setting('synchronous_standby_names') <> ''", connection);
            return (bool)(await sync.ExecuteScalarAsync(ct))!;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            string hosts = string.Join(",", settings.Dsn.Hosts.Select(h => $"{h.Host}:{h.Port}"));
            throw new PghaException($"--dsn {hosts}: no read-write server answered ({Innermost(e).Message}); check that the cluster runs and the hosts, user and password (PGPASSWORD or a pgpass file)", ExitCodes.Unavailable);
        }
    }

    private async Task InjectAsync(IReadOnlyList<PlannedFault> plan, DateTimeOffset start, CancellationToken stop)
    {
        var pending = new List<(FaultEvent Event, InjectedFault Fault)>();
        try
        {
            for (int i = 0; i < plan.Count && settings.Injector is { } injector; i++)
            {
                await Task.Delay(Until(start + plan[i].At), clock, stop);
                DateTimeOffset at = clock.GetUtcNow();
                InjectedFault fault = await injector.InjectAsync(plan[i].Name, Target(i + 1), stop);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(at - start).TotalSeconds,7:0.0}s fault {i + 1}: {plan[i].Name} {fault.Detail}"));
                pending.Add((new FaultEvent(plan[i].Name, at, null, fault.Detail), fault));
                await Task.Delay(settings.FaultHold, clock, stop);
                await HealAsync(pending, start);
            }
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the duration is over (or Ctrl-C): heal whatever is still broken before the read-back
        }
        await HealAsync(pending, start);
    }

    private async Task HealAsync(List<(FaultEvent Event, InjectedFault Fault)> pending, DateTimeOffset start)
    {
        foreach ((FaultEvent e, InjectedFault fault) in pending)
        {
            await fault.HealAsync(CancellationToken.None);
            DateTimeOffset healed = clock.GetUtcNow();
            _faults.Add(e with { HealedAt = healed });
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(healed - start).TotalSeconds,7:0.0}s healed: {e.Name}"));
        }
        pending.Clear();
    }

    /// <summary>Npgsql wraps the socket error ("connection refused") in "unable to connect to a suitable host".</summary>
    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private TimeSpan Until(DateTimeOffset when) => when - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;

    /// <summary>The server of the newest acknowledged write, for fault commands that target the primary.</summary>
    private FaultTarget Target(int index)
    {
        AckedWrite? last = _writers.Select(w => w.Last).OfType<AckedWrite>().MaxBy(w => w.AckedAt);
        int colon = last?.Server.LastIndexOf(':') ?? -1;
        return colon < 0 ? new FaultTarget(index, null, null)
            : new FaultTarget(index, last!.Server[..colon], int.Parse(last.Server[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
