using Pgha.Core.Generation;

namespace Pgha.Sandbox;

/// <summary>Named timing profiles: the tutorial's, and pgha's fastest safe one (see BENCHMARKS.md).</summary>
public static class TimingProfiles
{
    /// <summary>ttl 6, loop_wait 1, retry_timeout 2: loop_wait + 2 x retry_timeout = 5 &lt;= ttl, one second of margin.</summary>
    public static readonly TimingProfile Fast = new(6, 1, 2);

    public static TimingProfile Parse(string name) => name switch
    {
        "tutorial" or "standard" => TimingProfile.Standard,
        "fast" => Fast,
        _ => throw new PghaException($"--profile {name}: unknown timing profile; use tutorial or fast", Cli.ExitCodes.Usage),
    };
}
