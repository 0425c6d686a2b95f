namespace Pgha.Sandbox;

/// <summary>A pgpass file for the sandbox's users, so psql connects without a password on the command line.</summary>
public static class SandboxPgpass
{
    public static void Write(SandboxLayout layout, SandboxSecrets secrets)
    {
        // Any host and port: the same file serves direct connections and a proxy such as HAProxy on another port.
        string text = $"*:*:*:postgres:{secrets.Superuser}\n*:*:*:replicator:{secrets.Replication}\n";
        Processes.AtomicFile.Write(layout.PgpassFile, text, Processes.AtomicFile.Secret, null);
    }
}
