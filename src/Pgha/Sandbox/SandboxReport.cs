using Pgha.Core.Cluster;

namespace Pgha.Sandbox;

/// <summary>What <c>sandbox up</c> and <c>status</c> print: the cluster table and how to connect.</summary>
public static class SandboxReport
{
    public static void Write(TextWriter output, SandboxLayout layout, ClusterView view)
    {
        output.WriteLine(ClusterTable.Render(SandboxLayout.Scope, view));
        string[] hosts = SandboxLayout.DatabaseHosts.Select(SandboxLayout.AddressOf).ToArray();
        output.WriteLine();
        output.WriteLine($"Passwords are in {layout.SecretsFile} (mode 0600); libpq reads them from the pgpass file below.");
        output.WriteLine("Writer (primary only):");
        output.WriteLine($"  PGPASSFILE={layout.PgpassFile} psql \"{ConnectionStrings.Libpq(hosts, 5432, "postgres", "postgres", "read-write")}\"");
        output.WriteLine("Readers (replicas only):");
        output.WriteLine($"  PGPASSFILE={layout.PgpassFile} psql \"{ConnectionStrings.Libpq(hosts, 5432, "postgres", "postgres", "read-only")}\"");
        output.WriteLine("Npgsql (load balanced, fast failover):");
        output.WriteLine($"  \"{ConnectionStrings.Npgsql(hosts, 5432, "postgres", "postgres", "read-write")};Password=<see secrets.json>\"");
    }
}
