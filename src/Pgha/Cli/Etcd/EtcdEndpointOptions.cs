using System.CommandLine;
using Pgha.Operations;

namespace Pgha.Cli.Etcd;

/// <summary>Where the etcd commands find etcd: --endpoints, or the agent config's etcd3.hosts.</summary>
public sealed class EtcdEndpointOptions
{
    public Option<string?> Endpoints { get; } = new("--endpoints") { Description = "Comma-separated etcd client endpoints, e.g. 127.0.0.1:2379" };
    public Option<string?> ConfigFile { get; } = new("--config-file", "-c") { Description = "Agent config whose etcd3.hosts to use" };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoints);
        command.Options.Add(ConfigFile);
    }

    public IReadOnlyList<string> Resolve(ParseResult parse)
    {
        string? endpoints = parse.GetValue(Endpoints);
        if (endpoints is not null)
        {
            return endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        string? config = parse.GetValue(ConfigFile);
        return config is not null
            ? EtcdEndpointsFromConfig.Read(config)
            : throw new PghaException("say where etcd is: --endpoints 127.0.0.1:2379 or -c <agent config>", ExitCodes.Usage);
    }

    public static EtcdClusterReport Query(IReadOnlyList<string> endpoints)
    {
        return new EtcdStatusOperation().RunAsync(endpoints, CancellationToken.None).GetAwaiter().GetResult();
    }
}
