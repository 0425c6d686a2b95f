using Microsoft.Extensions.Logging.Abstractions;
using Pgha.Api;
using Pgha.Core.Config;

namespace Pgha.IntegrationTests.Api;

/// <summary>One real <see cref="ApiServer"/> on 127.0.63.1:8008 for the whole test class, stopped at the end.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public const string Listen = "127.0.63.1:8008";

    public FakeSnapshotSource Snapshots { get; } = new();
    public HttpClient Client { get; } = CreateClient(Listen);
    private ApiServer? _server;

    public static HttpClient CreateClient(string listen) =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://{listen}"),
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static RestApiConfig Config(string listen, string? user = null, string? password = null) =>
        new() { Listen = listen, ConnectAddress = listen, Username = user, Password = password };

    public async Task InitializeAsync()
    {
        _server = new ApiServer(Config(Listen), Snapshots, TimeProvider.System, NullLoggerFactory.Instance);
        await _server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync(CancellationToken.None);
            await _server.DisposeAsync();
        }
    }
}
