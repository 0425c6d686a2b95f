using Pgha.Core.Config;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Config;

public sealed class EffectiveSettingsTests
{
    private static readonly PghaConfig s_local = ConfigYaml.Load(ConfigYaml.With("nofailover: false", "nofailover: true")).Config!;

    [Fact]
    public void Timings_pause_and_slots_come_from_the_dynamic_config()
    {
        var dynamic = new DynamicConfig { Ttl = 12, LoopWait = 2, RetryTimeout = 3, MaximumLagOnFailover = 7, PrimaryStartTimeout = 9, Pause = true, UseSlots = false, CheckTimeline = true };

        HaSettings settings = EffectiveSettings.ToHaSettings(s_local, dynamic);

        Assert.Equal((12.0, 2.0, 3.0, 9.0), (settings.Ttl.TotalSeconds, settings.LoopWait.TotalSeconds, settings.RetryTimeout.TotalSeconds, settings.PrimaryStartTimeout.TotalSeconds));
        Assert.Equal((7L, true, false, true), (settings.MaximumLagOnFailover, settings.Paused, settings.UseSlots, settings.CheckTimeline));
    }

    [Fact]
    public void Name_tags_and_bootstrap_permission_come_from_the_local_file()
    {
        HaSettings settings = EffectiveSettings.ToHaSettings(s_local, new DynamicConfig());

        Assert.Equal(("n1", true, true), (settings.Name, settings.Tags.NoFailover, settings.CanBootstrap));
        Assert.False(EffectiveSettings.ToHaSettings(s_local with { Bootstrap = null }, new DynamicConfig()).CanBootstrap);
    }

    [Fact]
    public void A_local_use_pg_rewind_overrides_the_dynamic_one()
    {
        var dynamic = new DynamicConfig { UsePgRewind = false };

        Assert.True(EffectiveSettings.ToHaSettings(s_local, dynamic).UsePgRewind);
        PghaConfig unset = s_local with { Postgresql = s_local.Postgresql with { UsePgRewind = null } };
        Assert.True(EffectiveSettings.ToHaSettings(unset, dynamic with { UsePgRewind = true }).UsePgRewind);
    }
}
