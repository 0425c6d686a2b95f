using Pgha.Core.Config;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>The local PostgreSQL adapters wired to one instance, for the composition root.</summary>
public sealed record PostgresAdapters(
    PostgresInstance Instance,
    PostgresProbe Probe,
    PostgresControl Control,
    PostgresProvisioning Provisioning,
    PostmasterWatch Watch)
{
    /// <summary>Finds the binaries (bin_dir, pg_config, /usr/lib/postgresql/*/bin) and builds every adapter.</summary>
    public static async Task<PostgresAdapters> CreateAsync(PghaConfig config, Func<DynamicConfig> dynamic, TimeProvider time, CancellationToken ct)
    {
        var runner = new ProcessRunner();
        PostgresBinaries binaries = await PostgresBinaries.ResolveAsync(config.Postgresql.BinDir, runner, ct);
        var instance = new PostgresInstance(config, dynamic, binaries, runner);
        var control = new PostgresControl(instance);
        return new PostgresAdapters(instance, new PostgresProbe(instance), control,
            new PostgresProvisioning(instance, control, time), new PostmasterWatch(instance.DataDir));
    }
}
