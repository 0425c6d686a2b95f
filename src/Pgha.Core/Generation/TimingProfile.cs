namespace Pgha.Core.Generation;

/// <summary>The HA timing written to <c>bootstrap.dcs</c>, in seconds.</summary>
public sealed record TimingProfile(int Ttl, int LoopWait, int RetryTimeout)
{
    /// <summary>Patroni's defaults, as the tutorial uses them.</summary>
    public static TimingProfile Standard { get; } = new(30, 10, 10);
}
