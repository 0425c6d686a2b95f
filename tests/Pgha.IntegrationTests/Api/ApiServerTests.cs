using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Pgha.Api;

namespace Pgha.IntegrationTests.Api;

public sealed class ApiServerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private void Serve(Func<DateTimeOffset, Pgha.Core.Api.AgentSnapshot>? build) =>
        fixture.Snapshots.Current = build?.Invoke(DateTimeOffset.UtcNow);

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using HttpResponseMessage response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Get_primary_is_200_on_the_leader_and_503_on_a_replica()
    {
        Serve(TestSnapshots.Leader);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/primary"));

        Serve(TestSnapshots.Replica);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(HttpMethod.Get, "/primary"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/replica"));
    }

    [Fact]
    public async Task Get_replica_with_lag_compares_the_replay_position_with_the_limit()
    {
        Serve(TestSnapshots.Replica);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(HttpMethod.Get, "/replica?lag=1MB"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/replica?lag=10MB"));
    }

    [Fact]
    public async Task Head_and_options_answer_the_health_status_without_a_body()
    {
        Serve(TestSnapshots.Replica);

        using var head = new HttpRequestMessage(HttpMethod.Head, "/health");
        using HttpResponseMessage response = await _client.SendAsync(head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(HttpMethod.Options, "/primary"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Options, "/replica"));
    }

    [Fact]
    public async Task An_http_1_0_options_check_as_haproxy_sends_it_gets_a_status_line()
    {
        Serve(TestSnapshots.Leader);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse("127.0.63.1"), 8008);
        NetworkStream stream = tcp.GetStream();

        await stream.WriteAsync("OPTIONS /primary HTTP/1.0\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(stream, Encoding.ASCII);
        string? statusLine = await reader.ReadLineAsync();

        Assert.Equal("HTTP/1.1 200 OK", statusLine);
    }

    [Fact]
    public async Task Get_patroni_returns_the_status_json()
    {
        Serve(TestSnapshots.Leader);

        using HttpResponseMessage response = await _client.GetAsync("/patroni");
        JsonObject json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("running", (string?)json["state"]);
        Assert.Equal("master", (string?)json["role"]);
        Assert.Equal(150004, (int?)json["server_version"]);
        Assert.Equal(TestSnapshots.LeaderLsn, (long?)json["xlog"]!["location"]);
        Assert.Equal("itest", (string?)json["patroni"]!["scope"]);
    }

    [Fact]
    public async Task A_failing_health_check_still_carries_the_status_json()
    {
        Serve(TestSnapshots.Replica);

        using HttpResponseMessage response = await _client.GetAsync("/master");
        JsonObject json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("replica", (string?)json["role"]);
    }

    [Fact]
    public async Task Get_cluster_lists_members_sorted_with_roles_and_lag()
    {
        Serve(TestSnapshots.Replica);

        string body = await _client.GetStringAsync("/cluster");
        JsonArray members = JsonNode.Parse(body)!["members"]!.AsArray();

        Assert.Equal(["n1", "n2"], members.Select(m => (string?)m!["name"]));
        Assert.Equal(["leader", "replica"], members.Select(m => (string?)m!["role"]));
        Assert.Equal(2L << 20, (long?)members[1]!["lag"]);
        Assert.Equal("127.0.63.12", (string?)members[1]!["host"]);
    }

    [Fact]
    public async Task Get_config_history_and_metrics_answer_from_the_snapshot()
    {
        Serve(TestSnapshots.Leader);

        Assert.Equal(30, (int?)JsonNode.Parse(await _client.GetStringAsync("/config"))!["ttl"]);
        Assert.Equal("[]", await _client.GetStringAsync("/history"));
        Assert.Contains("patroni_primary{scope=\"itest\"} 1", await _client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_with_status_only()
    {
        Serve(TestSnapshots.Leader);

        using HttpResponseMessage live = await _client.GetAsync("/liveness");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(await live.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/readiness"));
    }

    [Fact]
    public async Task Before_the_first_snapshot_everything_is_unavailable_and_patroni_says_starting()
    {
        Serve(null);

        using HttpResponseMessage response = await _client.GetAsync("/patroni");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("starting", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(HttpMethod.Get, "/health"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(HttpMethod.Get, "/liveness"));
    }

    [Fact]
    public async Task Unknown_paths_answer_503()
    {
        Serve(TestSnapshots.Leader);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(HttpMethod.Get, "/nothing/here"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/"));
    }

    [Fact]
    public async Task A_second_server_on_a_busy_address_fails_with_one_clear_line()
    {
        await using var second = new ApiServer(
            ApiServerFixture.Config(ApiServerFixture.Listen), fixture.Snapshots, TimeProvider.System, NullLoggerFactory.Instance);

        PghaException error = await Assert.ThrowsAsync<PghaException>(() => second.StartAsync(CancellationToken.None));

        Assert.StartsWith("restapi.listen: cannot listen on 127.0.63.1:8008", error.Message);
    }
}
