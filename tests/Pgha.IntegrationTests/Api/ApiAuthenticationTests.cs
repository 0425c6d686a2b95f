using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pgha.Api;

namespace Pgha.IntegrationTests.Api;

/// <summary>restapi.authentication guards unsafe methods only; health checks never need credentials.</summary>
public sealed class ApiAuthenticationTests : IAsyncLifetime
{
    private const string Listen = "127.0.63.2:8008";
    private readonly FakeSnapshotSource _snapshots = new();
    private readonly HttpClient _client = ApiServerFixture.CreateClient(Listen);
    private readonly ApiServer _server;

    public ApiAuthenticationTests() =>
        _server = new ApiServer(ApiServerFixture.Config(Listen, "admin", "s3cret"), _snapshots, TimeProvider.System, NullLoggerFactory.Instance);

    public Task InitializeAsync() => _server.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Get_needs_no_credentials_and_post_without_them_is_refused_with_a_basic_challenge()
    {
        _snapshots.Current = TestSnapshots.Leader(DateTimeOffset.UtcNow);

        using HttpResponseMessage get = await _client.GetAsync("/primary");
        using HttpResponseMessage post = await _client.PostAsync("/restart", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal("Basic realm=\"Patroni\"", post.Headers.WwwAuthenticate.ToString());
        Assert.Equal("no auth header received", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_with_a_wrong_password_is_not_authenticated()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/restart") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:wrong")));

        using HttpResponseMessage response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("not authenticated", await response.Content.ReadAsStringAsync());
    }
}
