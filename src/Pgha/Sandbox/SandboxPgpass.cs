namespace Pgha.Sandbox;

/// <summary>A pgpass file for the sandbox's users, so psql connects without a password on the command line.</summary>
public static class SandboxPgpass
{
    public static void Write(SandboxLayout layout, SandboxSecrets secrets)
    {
        string text = $"*:5432:*:postgres:{secrets.Superuser}\n*:5432:*:replicator:{secrets.Replication}\n";
        Processes.AtomicFile.Write(layout.PgpassFile, text, Processes.AtomicFile.Secret, null);
    }
}
