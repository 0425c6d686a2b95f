namespace Pgha.Core.Postgres;

/// <summary>
/// <c>primary_conninfo</c> for a replica. The password stays in the pgpass file (<c>passfile=</c>), and
/// <c>application_name</c> is the member name so the primary's pg_stat_replication rows can be matched to members.
/// </summary>
public static class PrimaryConnInfo
{
    public static string Build(string host, int port, string replicationUser, string pgpassPath, string memberName) =>
        ConnInfo.Render(
        [
            new("user", replicationUser),
            new("passfile", pgpassPath),
            new("host", host),
            new("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("sslmode", "prefer"),
            new("application_name", memberName),
            new("gssencmode", "prefer"),
            new("channel_binding", "prefer"),
        ]);
}
