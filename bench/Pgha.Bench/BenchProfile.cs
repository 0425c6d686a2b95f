using Pgha.Core.Generation;

namespace Pgha.Bench;

/// <summary>A named timing profile and the values each system runs it with.</summary>
public sealed record BenchProfile(string Name, TimingProfile Pgha, TimingProfile Patroni)
{
    /// <summary>The tutorial's values, the same for both.</summary>
    public static readonly BenchProfile Tutorial = new("tutorial", new(30, 10, 10), new(30, 10, 10));

    /// <summary>
    /// Each system's fastest safe values. pgha: ttl 6, loop_wait 1, retry_timeout 2 (loop_wait + 2 x retry_timeout
    /// = 5 &lt; ttl). Patroni: the minimums later Patroni versions enforce (ttl 20, loop_wait 1, retry_timeout 3).
    /// </summary>
    public static readonly BenchProfile Fast = new("fast", new(6, 1, 2), new(20, 1, 3));

    public TimingProfile For(BenchSystem system) => system == BenchSystem.Pgha ? Pgha : Patroni;

    public static string Describe(TimingProfile t) => $"ttl {t.Ttl}, loop_wait {t.LoopWait}, retry_timeout {t.RetryTimeout}";
}
