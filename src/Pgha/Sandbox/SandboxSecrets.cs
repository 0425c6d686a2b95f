using System.Security.Cryptography;
using System.Text.Json;

namespace Pgha.Sandbox;

/// <summary>Passwords generated once per sandbox with a CSPRNG and kept in a 0600 file: never postgres/postgres.</summary>
public sealed record SandboxSecrets(string Superuser, string Replication, string Rewind)
{
    public static SandboxSecrets LoadOrCreate(SandboxLayout layout)
    {
        if (File.Exists(layout.SecretsFile))
        {
            return JsonSerializer.Deserialize(File.ReadAllText(layout.SecretsFile), SandboxJson.Default.SandboxSecrets)
                ?? throw new PghaException($"{layout.SecretsFile} is not valid JSON; remove the sandbox with `pgha sandbox down` and start again");
        }
        var secrets = new SandboxSecrets(NewPassword(), NewPassword(), NewPassword());
        Directory.CreateDirectory(layout.Root);
        Processes.AtomicFile.Write(layout.SecretsFile, JsonSerializer.Serialize(secrets, SandboxJson.Default.SandboxSecrets), Processes.AtomicFile.Secret, null);
        return secrets;
    }

    public override string ToString() => "SandboxSecrets { *** }";

    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
}
