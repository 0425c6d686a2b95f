using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha edit-config</c>: change the dynamic config in etcd as patronictl does (editor, -s, -p, --apply,
/// --replace), show the diff, validate against the leader's pg_settings and Patroni's rules, ask, then CAS-write.
/// </summary>
public sealed class EditConfigCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Do not show the diff" };
    private readonly Option<string[]> _set = new("--set", "-s") { Description = "key.path=value (null removes)", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _pg = new("--pg", "-p") { Description = "PostgreSQL parameter name=value" };
    private readonly Option<string?> _apply = new("--apply") { Description = "Merge changes from a YAML file, or - for stdin" };
    private readonly Option<string?> _replace = new("--replace") { Description = "Replace the whole config with a YAML file, or - for stdin" };
    private readonly Option<bool> _force = new("--force") { Description = "Do not ask for confirmation" };

    public EditConfigCommand() : base("edit-config", "Edit the cluster's dynamic configuration")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        Options.Add(_quiet);
        Options.Add(_set);
        Options.Add(_pg);
        Options.Add(_apply);
        Options.Add(_replace);
        Options.Add(_force);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
        ClusterView view = await session.ReadExistingAsync(ct);
        JsonObject before = ConfigUpdate.Current(view);
        JsonObject after = Edited(parse, before);
        string diff = UnifiedDiff.Render(ConfigYaml.FromJson(before.ToJsonString()), ConfigYaml.FromJson(after.ToJsonString()), "before", "after");
        if (diff.Length == 0)
        {
            output.WriteLine("Not changed");
            return ExitCodes.Success;
        }
        if (!parse.GetValue(_quiet))
        {
            output.Write(diff);
        }
        foreach (string line in ConfigEdits.DroppedHbaLines(before, after))
        {
            Console.Error.WriteLine($"pgha: warning: this edit drops the pg_hba rule \"{line}\"; use `pgha hba add` to add rules without losing any");
        }
        var update = new ConfigUpdate(session.Store, session.Target.PgUser, session.Target.PgPassword);
        IReadOnlyList<string> errors = await update.ValidateAsync(view, before, after, ct);
        if (errors.Count > 0)
        {
            throw new PghaException("config refused, nothing written: " + string.Join(Environment.NewLine + "pgha: ", errors), ExitCodes.Failure);
        }
        bool fromStdin = parse.GetValue(_apply) == "-" || parse.GetValue(_replace) == "-";
        if (!parse.GetValue(_force) && (fromStdin || !Prompt.Console(output).Confirm("Apply these changes?")))
        {
            throw new PghaException(fromStdin ? "reading the config from stdin needs --force (there is no terminal to confirm on)" : "Aborted", ExitCodes.Failure);
        }
        if (!await update.WriteAsync(view, after, ct))
        {
            throw new PghaException("Config modification aborted due to concurrent changes", ExitCodes.Failure);
        }
        output.WriteLine("Configuration changed");
        return ExitCodes.Success;
    }

    private JsonObject Edited(ParseResult parse, JsonObject before)
    {
        try
        {
            if (parse.GetValue(_replace) is { } replace)
            {
                return ConfigYaml.ToJson(ReadSource(replace));
            }
            var after = (JsonObject)before.DeepClone();
            if (parse.GetValue(_apply) is { } apply)
            {
                ConfigEdits.Merge(after, ConfigYaml.ToJson(ReadSource(apply)));
            }
            string[] sets = parse.GetValue(_set) ?? [];
            string[] pgs = parse.GetValue(_pg) ?? [];
            sets.ToList().ForEach(s => ConfigEdits.Set(after, s));
            pgs.ToList().ForEach(p => ConfigEdits.SetParameter(after, p));
            bool anyEdit = parse.GetValue(_apply) is not null || sets.Length > 0 || pgs.Length > 0;
            return anyEdit ? after : ConfigYaml.ToJson(InEditor(ConfigYaml.FromJson(before.ToJsonString())));
        }
        catch (FormatException e)
        {
            throw new PghaException($"edit-config: {e.Message}", ExitCodes.Failure);
        }
    }

    private static string ReadSource(string path) => path == "-" ? Console.In.ReadToEnd()
        : File.Exists(path) ? File.ReadAllText(path) : throw new PghaException($"{path}: file not found", ExitCodes.Failure);

    /// <summary>$EDITOR (else editor, else vi) on a temporary YAML file, as patronictl does.</summary>
    private static string InEditor(string yaml)
    {
        string file = Path.Combine(Path.GetTempPath(), $"pgha-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            string editor = Environment.GetEnvironmentVariable("EDITOR") is { Length: > 0 } e ? e : File.Exists("/usr/bin/editor") ? "editor" : "vi";
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"{editor} \"$1\"");
            start.ArgumentList.Add("sh");
            start.ArgumentList.Add(file);
            using Process process = Process.Start(start) ?? throw new PghaException($"cannot start the editor {editor}; set EDITOR", ExitCodes.Failure);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new PghaException($"the editor {editor} exited with code {process.ExitCode}; nothing changed", ExitCodes.Failure);
            }
            return File.ReadAllText(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
