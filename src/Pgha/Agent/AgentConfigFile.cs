using System.Collections;
using Pgha.Cli;
using Pgha.Core.Config;

namespace Pgha.Agent;

/// <summary>Reads and validates an agent config file: every error at once, one line each, nothing started.</summary>
public static class AgentConfigFile
{
    public static (PghaConfig Config, IReadOnlyList<string> Warnings) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PghaException($"config {path}: file not found; pass the agent's YAML config, e.g. `pgha agent /etc/pgha/pgha.yaml`", ExitCodes.InvalidConfig);
        }
        ConfigLoadResult result = PghaConfigLoader.Load(File.ReadAllText(path), path, Environment());
        if (result.Config is null)
        {
            throw new PghaException(string.Join(System.Environment.NewLine + "pgha: ", result.ErrorLines), ExitCodes.InvalidConfig);
        }
        return (result.Config, result.Warnings);
    }

    private static Dictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            string key = (string)e.Key;
            if (key.StartsWith("PATRONI_", StringComparison.Ordinal) || key.StartsWith("PGHA_", StringComparison.Ordinal))
            {
                env[key] = (string?)e.Value ?? "";
            }
        }
        return env;
    }
}
