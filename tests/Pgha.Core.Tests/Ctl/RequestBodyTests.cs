using Pgha.Core.Ctl;

namespace Pgha.Core.Tests.Ctl;

public sealed class RequestBodyTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", null, null, false)]
    [InlineData("{\"restart_pending\":true}", null, null, true)]
    [InlineData("{\"role\":\"replica\",\"postgres_version\":\"15.4\"}", "replica", "15.4", false)]
    public void Restart_bodies_are_read(string body, string? role, string? version, bool pending)
    {
        (RestartRequest? request, Refusal? refusal) = RestartBody.Parse(body, paused: false, s_now);
        Assert.Null(refusal);
        Assert.Equal(new RestartRequest(null, role, version, pending), request);
    }

    [Theory]
    [InlineData("{oops", false, 400, "not valid JSON")]
    [InlineData("[1]", false, 400, "must be a JSON object")]
    [InlineData("{\"bogus\":1}", false, 400, "Unknown restart option: bogus")]
    [InlineData("{\"role\":\"boss\"}", false, 400, "PostgreSQL role should be either primary or replica")]
    [InlineData("{\"postgres_version\":\"x.y\"}", false, 400, "first.major.minor")]
    [InlineData("{\"timeout\":-3}", false, 400, "Timeout should be a positive number of seconds")]
    [InlineData("{\"schedule\":\"2026-01-01T13:00:00\"}", false, 400, "Timezone information is mandatory")]
    [InlineData("{\"schedule\":\"2025-01-01T13:00:00+00:00\"}", false, 422, "Cannot schedule restart in the past")]
    [InlineData("{\"schedule\":\"soon\"}", false, 422, "Unable to parse scheduled timestamp")]
    [InlineData("{\"schedule\":\"2026-01-01T13:00:00+00:00\"}", true, 500, "Can't schedule restart in the paused state")]
    public void Bad_restart_bodies_get_patronis_codes(string body, bool paused, int status, string message)
    {
        (RestartRequest? request, Refusal? refusal) = RestartBody.Parse(body, paused, s_now);
        Assert.Null(request);
        Assert.Equal(status, refusal!.Status);
        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 150004, false, "replica", null, false, false)]
    [InlineData(false, 150004, false, "replica", null, false, true)]
    [InlineData(false, 150004, false, null, "15.5", false, true)]
    [InlineData(false, 150004, false, null, "15.4", false, false)]
    [InlineData(false, 150004, false, null, null, true, false)]
    [InlineData(false, 150004, true, null, null, true, true)]
    public void Restart_conditions_follow_role_version_and_pending(bool primary, int version, bool pending, string? role, string? below, bool onlyPending, bool applies)
    {
        Assert.Equal(applies, new RestartRequest(null, role, below, onlyPending).Applies(primary, version, pending));
    }

    [Theory]
    [InlineData("{\"leader\":\"n1\",\"candidate\":\"n2\"}", false, "n1", "n2")]
    [InlineData("{\"leader\":\"n1\",\"candidate\":null,\"scheduled_at\":null}", false, "n1", null)]
    [InlineData("{\"member\":\"n3\"}", true, null, "n3")]
    public void Switchover_bodies_are_read(string body, bool failover, string? leader, string? candidate)
    {
        (SwitchoverRequest? request, Refusal? refusal) = SwitchoverBody.Parse(body, failover, paused: false, s_now);
        Assert.Null(refusal);
        Assert.Equal(new SwitchoverRequest(failover, leader, candidate), request);
    }

    [Theory]
    [InlineData("{oops", false, 400, "not valid JSON")]
    [InlineData("{\"leader\":5}", false, 400, "must be strings")]
    [InlineData("{\"candidate\":\"n2\",\"scheduled_at\":\"2026-01-01T13:00:00+00:00\"}", true, 400, "Failover can't be scheduled")]
    [InlineData("{\"leader\":\"n1\",\"scheduled_at\":\"2026-01-01T13:00:00\"}", false, 400, "Timezone information is mandatory")]
    [InlineData("{\"leader\":\"n1\",\"scheduled_at\":\"2020-01-01T13:00:00Z\"}", false, 422, "Cannot schedule switchover in the past")]
    public void Bad_switchover_bodies_get_patronis_codes(string body, bool failover, int status, string message)
    {
        (SwitchoverRequest? request, Refusal? refusal) = SwitchoverBody.Parse(body, failover, paused: false, s_now);
        Assert.Null(request);
        Assert.Equal(status, refusal!.Status);
        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }
}
