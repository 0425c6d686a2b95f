using System.Globalization;

namespace Pgha.Bench;

/// <summary>Command line: [--quick] [--reps N] [--profiles tutorial,fast] [--systems pgha,patroni] [--idle S] [--wrk S (0: skip REST)] [--no-faults] [--switchover-only] [--keep-logs] [--pgha PATH] [--out FILE].</summary>
public static class Arguments
{
    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            s = args[i] switch
            {
                "--quick" => s with { Repetitions = 1, Profiles = [BenchProfile.Fast], IdleSeconds = 15, WrkSeconds = 3 },
                "--reps" => s with { Repetitions = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--profiles" => s with { Profiles = Next().Split(',').Select(ProfileNamed).ToList() },
                "--systems" => s with { Systems = Next().Split(',').Select(n => Enum.Parse<BenchSystem>(n, ignoreCase: true)).ToList() },
                "--idle" => s with { IdleSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--wrk" => s with { WrkSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-faults" => s with { Faults = false },
                "--switchover-only" => s with { SwitchoverOnly = true },
                "--keep-logs" => s with { KeepLogs = true },
                "--pgha" => s with { PghaBinary = Path.GetFullPath(Next()) },
                "--out" => s with { OutFile = Next() },
                _ => throw new ArgumentException($"unknown argument {args[i]}; see bench/README in BENCHMARKS.md"),
            };
        }
        return s;
    }

    private static BenchProfile ProfileNamed(string name) => name switch
    {
        "tutorial" => BenchProfile.Tutorial,
        "fast" => BenchProfile.Fast,
        _ => throw new ArgumentException($"--profiles {name}: use tutorial and/or fast"),
    };
}
