using System.Security.Cryptography;
using Pgha.Core.Generation;

namespace Pgha.Cli.Gen;

/// <summary>
/// The cluster's passwords: read back from the output folder's secrets.env so that a re-run keeps them,
/// or made once with a CSPRNG (letters and digits only, so no file format needs escaping).
/// </summary>
public static class SecretsStore
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static DeploymentSecrets LoadOrCreate(string outputDir)
    {
        string path = Path.Combine(outputDir, "secrets.env");
        if (!File.Exists(path))
        {
            return new DeploymentSecrets(NewPassword(), NewPassword(), NewPassword());
        }
        Dictionary<string, string> values = File.ReadAllLines(path)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('\''));
        return new DeploymentSecrets(
            Required(values, "PGHA_SUPERUSER_PASSWORD", path),
            Required(values, "PGHA_REPLICATION_PASSWORD", path),
            Required(values, "PGHA_REWIND_PASSWORD", path));
    }

    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 32);

    private static string Required(Dictionary<string, string> values, string key, string path) =>
        values.TryGetValue(key, out string? value) && value.Length > 0
            ? value
            : throw new PghaException($"{path}: {key} is missing; restore it from your copy, or delete the file to generate new passwords", ExitCodes.InvalidConfig);
}
