using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pgha.Core.Config;

namespace Pgha.Api;

/// <summary>
/// The agent's Patroni-compatible REST API on Kestrel, bound to <c>restapi.listen</c>. It answers from the latest
/// published <see cref="Core.Api.AgentSnapshot"/>; start it beside the HA loop and stop it after.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IPEndPoint _endpoint;

    public ApiServer(RestApiConfig config, ISnapshotSource snapshots, TimeProvider time, ILoggerFactory loggerFactory, AgentControl? control = null)
    {
        _endpoint = ListenAddress.Parse(config.Listen);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_endpoint, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, SharedMemoryPoolFactory>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        // For the request bodies of the write endpoints to come (switchover, restart): Patroni's keys are snake_case.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        _app = builder.Build();
        _app.Use(new UnsafeMethodAuthentication(config).InvokeAsync);
        PatroniEndpoints.Map(_app, new PatroniHandlers(snapshots, time));
        if (control is not null)
        {
            ControlEndpoints.Map(_app, new ControlHandlers(control, time, loggerFactory.CreateLogger<ControlHandlers>()), new ConfigHandlers(control), new MemberHandlers(control, time));
            if (control.Failsafe is { } inbox)
            {
                var failsafe = new FailsafeHandlers(control.Settings, snapshots, inbox, time);
                _app.MapPost("/failsafe", failsafe.PostAsync);
                _app.MapGet("/failsafe", failsafe.GetAsync);
            }
        }
    }

    /// <summary>Binds and starts serving; a busy or foreign address fails here with one clear line.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await _app.StartAsync(ct);
        }
        catch (IOException e)
        {
            throw new PghaException(
                $"restapi.listen: cannot listen on {_endpoint}: {e.InnerException?.Message ?? e.Message}; " +
                "stop whatever uses that port or choose another address in restapi.listen");
        }
    }

    public Task StopAsync(CancellationToken ct) => _app.StopAsync(ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
