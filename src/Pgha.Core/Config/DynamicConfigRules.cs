using System.Globalization;

namespace Pgha.Core.Config;

/// <summary>
/// Range checks on the cluster-wide timings. Our own rules, looser than Patroni 3.2's (ttl ≥ 20) so that a
/// fast timing profile stays possible, but with its key invariant: a leader must be able to retry its
/// lock refresh twice within one TTL.
/// </summary>
public static class DynamicConfigRules
{
    /// <param name="keyPrefix">Where the settings sit, e.g. <c>bootstrap.dcs</c>; empty for the DCS <c>config</c> key.</param>
    public static IReadOnlyList<ConfigError> Validate(DynamicConfig config, string keyPrefix)
    {
        string PathOf(string key) => keyPrefix.Length == 0 ? key : $"{keyPrefix}.{key}";
        var errors = new List<ConfigError>();
        void AtLeast(string key, long value, long minimum, string fix)
        {
            if (value < minimum)
            {
                errors.Add(new ConfigError(PathOf(key), Text(value), $"is below {minimum}", fix));
            }
        }
        AtLeast("ttl", config.Ttl, 4, "use at least 4 seconds (30 is the usual value)");
        AtLeast("loop_wait", config.LoopWait, 1, "use at least 1 second (10 is the usual value)");
        AtLeast("retry_timeout", config.RetryTimeout, 1, "use at least 1 second (10 is the usual value)");
        AtLeast("maximum_lag_on_failover", config.MaximumLagOnFailover, 0, "use 0 or more bytes such as 1048576");
        AtLeast("primary_start_timeout", config.PrimaryStartTimeout, 0, "use 0 or more seconds such as 300");
        AtLeast("primary_stop_timeout", config.PrimaryStopTimeout, 0, "use 0 or more seconds");
        AtLeast("synchronous_node_count", config.SynchronousNodeCount, 1, "use 1 or more");
        long needed = config.LoopWait + (2L * config.RetryTimeout);
        if (errors.Count == 0 && needed > config.Ttl)
        {
            errors.Add(new ConfigError(PathOf("ttl"), Text(config.Ttl),
                $"is less than loop_wait + 2 x retry_timeout ({config.LoopWait} + 2 x {config.RetryTimeout} = {needed})",
                $"raise ttl to {needed} or lower loop_wait/retry_timeout"));
        }
        return errors;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
