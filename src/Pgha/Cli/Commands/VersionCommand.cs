using System.CommandLine;
using System.Text.Json.Nodes;
using Pgha.Core.Cluster;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha version [CLUSTER [MEMBER...]]</c>: our version, then each member's agent and PostgreSQL versions.</summary>
public sealed class VersionCommand : Command
{
    public const string PghaVersion = "0.1.0";
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Argument<string[]> _members = new("member") { Arity = ArgumentArity.ZeroOrMore };

    public VersionCommand() : base("version", "Print the pgha version (and each member's with a cluster)")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        Arguments.Add(_members);
        SetAction(async (parse, ct) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            output.WriteLine($"pgha version {PghaVersion}");
            if (parse.GetValue(_name) is not { } name)
            {
                return ExitCodes.Success;
            }
            using ClusterSession session = _cluster.Open(parse, name);
            ClusterView view = await session.ReadExistingAsync(ct);
            string[] wanted = parse.GetValue(_members) ?? [];
            foreach (Member m in view.Members.Where(m => wanted.Length == 0 || wanted.Contains(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                ApiReply reply = await session.Api.SendAsync(m, HttpMethod.Get, "/patroni", null, ct);
                output.WriteLine(reply.Status == 200 ? $"{m.Name}: pgha {m.Version} PostgreSQL {PostgresVersion(reply.Text)}" : $"{m.Name}: failed to get version: {reply.Text}");
            }
            return ExitCodes.Success;
        });
    }

    private static string PostgresVersion(string patroniJson)
    {
        int number = JsonNode.Parse(patroniJson)?["server_version"]?.GetValue<int>() ?? 0;
        return number >= 100000 ? $"{number / 10000}.{number % 10000}" : $"{number / 10000}.{number / 100 % 100}.{number % 100}";
    }
}
