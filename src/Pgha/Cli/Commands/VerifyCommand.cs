using System.CommandLine;
using System.Security.Cryptography;
using Pgha.Core.Config;
using Pgha.Core.Verify;
using Pgha.Operations;
using Pgha.Sandbox;
using Pgha.Verify;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha verify</c>: runs writers through the multi-host read-write string, optionally injects faults, reads every
/// member afterwards and reports lost and split-brain writes, outages and failovers. Exits 1 on split brain, or on any
/// lost write in synchronous mode.
/// </summary>
public sealed class VerifyCommand : Command
{
    private static readonly TimeSpan s_maxDuration = TimeSpan.FromHours(1);
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _dsn = new("--dsn") { Description = "Multi-host connection string (Npgsql or libpq form); default: the cluster's members" };
    private readonly Option<string?> _sandbox = new("--sandbox") { Description = "Sandbox folder: its members, pgpass and the named --faults" };
    private readonly Option<int> _writers = new("--writers") { Description = "Concurrent writers (1-64)", DefaultValueFactory = _ => 4 };
    private readonly Option<string> _duration = new("--duration") { Description = "How long to write (at most 1h)", DefaultValueFactory = _ => "60s" };
    private readonly Option<string> _interval = new("--interval") { Description = "Pause between one writer's inserts", DefaultValueFactory = _ => "20ms" };
    private readonly Option<int> _maxWrites = new("--max-writes") { Description = "Stop after this many inserts in all", DefaultValueFactory = _ => 1_000_000 };
    private readonly Option<string?> _faults = new("--faults") { Description = $"Comma-separated, with --sandbox: {string.Join(", ", SandboxFaults.Names)}" };
    private readonly Option<string> _every = new("--fault-every") { Description = "Time between faults", DefaultValueFactory = _ => "20s" };
    private readonly Option<string> _hold = new("--fault-hold") { Description = "How long a fault lasts before it is healed", DefaultValueFactory = _ => "10s" };
    private readonly Option<bool> _random = new("--random") { Description = "Random faults from the list at random moments (the seed is printed)" };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for --random (implies it)" };
    private readonly Option<string?> _faultCommand = new("--fault-command") { Description = "Shell command that injects the fault (env PGHA_VERIFY_PRIMARY, PGHA_VERIFY_PRIMARY_PORT, PGHA_VERIFY_FAULT)" };
    private readonly Option<string?> _healCommand = new("--heal-command") { Description = "Shell command that heals it after --fault-hold" };
    private readonly Option<bool> _sync = new("--sync") { Description = "Judge as synchronous mode: any lost write fails" };
    private readonly Option<bool> _async = new("--async") { Description = "Judge as asynchronous mode: lost writes are reported" };
    private readonly Option<string> _settle = new("--settle") { Description = "How long to wait for one primary before reading back", DefaultValueFactory = _ => "60s" };
    private readonly Option<string> _table = new("--table") { Description = "Table to write (created if missing)", DefaultValueFactory = _ => "pgha_verify" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the report as JSON (fields: see VerifyReportJson)" };

    public VerifyCommand() : base("verify", "Check that acknowledged writes survive faults and that no two primaries take writes")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        foreach (Option option in (Option[])[_dsn, _sandbox, _writers, _duration, _interval, _maxWrites, _faults, _every, _hold, _random, _seed,
            _faultCommand, _healCommand, _sync, _async, _settle, _table, _json])
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        VerifySettings settings = await SettingsAsync(parse, ct);
        TextWriter error = parse.InvocationConfiguration.Error;
        if (settings.Seed is int seed)
        {
            error.WriteLine($"random faults with seed {seed} (repeat with --seed {seed})");
        }
        (VerifyReport report, VerifyRunInfo info) = await new VerifyRun(settings, error, TimeProvider.System).RunAsync(ct);
        parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(_json) ? VerifyReportJson.Render(report, info) : VerifyReportText.Render(report, info));
        return report.Failures(info.SynchronousMode).Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task<VerifySettings> SettingsAsync(ParseResult parse, CancellationToken ct)
    {
        SandboxLayout? sandbox = parse.GetValue(_sandbox) is { } dir ? SandboxLayout.Default(dir, Directory.GetCurrentDirectory()) : null;
        (string dsn, DynamicConfig? config) = await SourceAsync(parse, sandbox, ct);
        string? command = parse.GetValue(_faultCommand);
        List<string> faults = [.. (parse.GetValue(_faults) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        bool random = parse.GetValue(_random) || parse.GetValue(_seed) is not null;
        if (command is null && sandbox is not null && faults.Count == 0 && random)
        {
            faults = [.. SandboxFaults.Names];
        }
        CheckFaults(faults, command, sandbox);
        return new VerifySettings
        {
            Dsn = VerifyDsn.Parse(dsn, sandbox?.PgpassFile),
            Writers = parse.GetValue(_writers) is int w and >= 1 and <= 64 ? w : throw Usage($"--writers {parse.GetValue(_writers)}: use 1 to 64"),
            Duration = Duration(parse, _duration, TimeSpan.FromSeconds(1), s_maxDuration),
            Interval = Duration(parse, _interval, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            MaxWrites = parse.GetValue(_maxWrites) is int m and >= 1 ? m : throw Usage("--max-writes: use a positive count"),
            Table = parse.GetValue(_table)!,
            Faults = command is not null && faults.Count == 0 ? ["command"] : faults,
            Injector = command is not null ? new ShellFaults(command, parse.GetValue(_healCommand)) : sandbox is not null ? new SandboxFaults(sandbox) : null,
            FaultEvery = Duration(parse, _every, TimeSpan.FromSeconds(1), s_maxDuration),
            FaultHold = Duration(parse, _hold, TimeSpan.Zero, s_maxDuration),
            Seed = random ? parse.GetValue(_seed) ?? RandomNumberGenerator.GetInt32(int.MaxValue) : null,
            Synchronous = parse.GetValue(_sync) ? true : parse.GetValue(_async) ? false : null,
            ClusterConfig = config,
            Settle = Duration(parse, _settle, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
        };
    }

    /// <summary>The DSN (given, the sandbox's, or the cluster's members) and the cluster's config when it can be read.</summary>
    private async Task<(string Dsn, DynamicConfig? Config)> SourceAsync(ParseResult parse, SandboxLayout? sandbox, CancellationToken ct)
    {
        string? dsn = parse.GetValue(_dsn);
        if (sandbox is not null)
        {
            (string sandboxDsn, DynamicConfig? config) = await VerifyClusterSource.SandboxAsync(sandbox, ct);
            return (dsn ?? sandboxDsn, config);
        }
        bool clusterNamed = parse.GetValue(_cluster.ConfigFile) is not null || parse.GetValue(_cluster.DcsUrl) is not null;
        if (dsn is not null && !clusterNamed)
        {
            return (dsn, null);
        }
        using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
        return dsn is not null ? (dsn, await VerifyClusterSource.ConfigAsync(session, ct)) : await VerifyClusterSource.ClusterAsync(session, ct);
    }

    private static void CheckFaults(List<string> faults, string? command, SandboxLayout? sandbox)
    {
        if (faults.Count > 0 && command is null && sandbox is null)
        {
            throw Usage("--faults needs --sandbox DIR (to find the processes) or --fault-command CMD");
        }
        if (command is null && faults.FirstOrDefault(f => !SandboxFaults.Names.Contains(f)) is { } unknown)
        {
            throw Usage($"--faults {unknown}: unknown fault; use {string.Join(", ", SandboxFaults.Names)}");
        }
    }

    private static TimeSpan Duration(ParseResult parse, Option<string> option, TimeSpan min, TimeSpan max)
    {
        string text = parse.GetValue(option)!;
        return DurationText.Parse(text) is { } d && d >= min && d <= max ? d
            : throw Usage($"{option.Name} {text}: not a duration from {DurationText.Format(min)} to {DurationText.Format(max)}; write e.g. 20ms, 60s or 2m");
    }

    private static PghaException Usage(string message) => new(message, ExitCodes.Usage);
}
