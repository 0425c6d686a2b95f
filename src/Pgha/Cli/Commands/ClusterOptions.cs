using System.CommandLine;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// How a cluster command finds the cluster, as patronictl does: <c>-c/--config-file</c> (env PGHA_CONFIG_FILE or
/// PATRONICTL_CONFIG_FILE, default ~/.config/patroni/patronictl.yaml; an agent's own YAML works) and
/// <c>-d/--dcs-url</c> (env DCS_URL). The CLUSTER argument overrides the file's scope.
/// </summary>
public sealed class ClusterOptions
{
    public Option<string?> ConfigFile { get; } = new("--config-file", "-c") { Description = "Agent or patronictl YAML (scope, namespace, etcd3)" };
    public Option<string?> DcsUrl { get; } = new("--dcs-url", "-d", "--dcs") { Description = "etcd endpoint, e.g. etcd3://127.0.0.1:2379" };
    public Option<string?> Namespace { get; } = new("--namespace") { Description = "DCS namespace (default /service/)" };

    public void AddTo(Command command)
    {
        command.Options.Add(ConfigFile);
        command.Options.Add(DcsUrl);
        command.Options.Add(Namespace);
    }

    public CtlTarget Resolve(ParseResult parse, string? cluster)
    {
        string? path = parse.GetValue(ConfigFile) ?? Env("PGHA_CONFIG_FILE") ?? Env("PATRONICTL_CONFIG_FILE");
        string? dcsUrl = parse.GetValue(DcsUrl) ?? Env("DCS_URL");
        if (path is null)
        {
            string fallback = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "patroni", "patronictl.yaml");
            path = File.Exists(fallback) ? fallback : null;
        }
        if (path is not null && !File.Exists(path))
        {
            throw new PghaException($"config {path}: file not found; pass the agent's YAML with -c or etcd with --dcs-url", ExitCodes.InvalidConfig);
        }
        if (path is null && dcsUrl is null)
        {
            throw new PghaException("say where the cluster is: -c <agent yaml> (or PGHA_CONFIG_FILE), or --dcs-url etcd3://host:2379 with the cluster name", ExitCodes.Usage);
        }
        try
        {
            CtlTarget target = CtlConfigReader.Read(path is null ? null : File.ReadAllText(path), path ?? "--dcs-url", cluster, dcsUrl);
            return parse.GetValue(Namespace) is { } ns ? target with { Namespace = ns } : target;
        }
        catch (FormatException e)
        {
            throw new PghaException(e.Message, ExitCodes.InvalidConfig);
        }
    }

    public ClusterSession Open(ParseResult parse, string? cluster) => new(Resolve(parse, cluster));

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
