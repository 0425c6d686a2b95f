namespace Pgha.Core.Cluster;

/// <summary>
/// The multi-host connection strings clients use to find the primary or a replica (the tutorial's libpq chapter),
/// in libpq and Npgsql forms. <c>load_balance_hosts</c> needs libpq 16+; Npgsql's form works everywhere.
/// </summary>
public static class ConnectionStrings
{
    public static string Libpq(IReadOnlyList<string> hosts, int port, string user, string database, string targetSessionAttrs) =>
        $"host={string.Join(',', hosts)} port={port} dbname={database} user={user} target_session_attrs={targetSessionAttrs} connect_timeout=2";

    /// <summary>
    /// Host Recheck Seconds is lowered from Npgsql's 10 s so that clients find a new primary at once. GSS encryption is
    /// off: Npgsql 10 asks for it first by default, and the Kerberos lookup behind that can hold one login for seconds
    /// while the client hunts for the new primary (<see cref="NpgsqlGss"/>).
    /// </summary>
    public static string Npgsql(IReadOnlyList<string> hosts, int port, string user, string database, string targetSessionAttributes) =>
        $"Host={string.Join(',', hosts)};Port={port};Database={database};Username={user};Target Session Attributes={targetSessionAttributes};Load Balance Hosts=true;Host Recheck Seconds=1;Timeout=2;{NpgsqlGss.Off}";
}
