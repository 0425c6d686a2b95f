using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Logging;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha agent &lt;config.yaml&gt;</c>: the per-node daemon (Patroni's role).</summary>
public sealed class AgentCommand : Command
{
    private static readonly Argument<string> s_config = new("config") { Description = "The agent's YAML config (Patroni's schema)" };
    private static readonly Option<bool> s_validate = new("--validate-config") { Description = "Check the config and exit" };

    public AgentCommand() : base("agent", "Run the HA agent for one PostgreSQL node")
    {
        Arguments.Add(s_config);
        Options.Add(s_validate);
        SetAction((parse, ct) => RunAsync(parse));
    }

    private static async Task<int> RunAsync(ParseResult parse)
    {
        (PghaConfig config, IReadOnlyList<string> warnings) = AgentConfigFile.Load(parse.GetValue(s_config)!);
        foreach (string warning in warnings)
        {
            Console.Error.WriteLine($"pgha: warning: {warning}");
        }
        if (parse.GetValue(s_validate))
        {
            parse.InvocationConfiguration.Output.WriteLine($"config {config.SourcePath}: valid");
            return ExitCodes.Success;
        }
        RotatingFile? file = config.Log.Dir is { } dir ? new RotatingFile(Path.Combine(dir, config.Log.FileName), config.Log.FileSize, config.Log.FileNum) : null;
        using var provider = new AgentLoggerProvider(AgentLoggerProvider.ParseLevel(config.Log.Level), file, Console.Error);
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        return await new AgentHost(config, loggers).RunAsync(stop.Token);
    }
}
