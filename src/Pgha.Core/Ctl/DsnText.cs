using System.Text;
using Pgha.Core.Cluster;

namespace Pgha.Core.Ctl;

/// <summary>
/// <c>pgha dsn</c>: the multi-host connection strings for read-write, read-only and any, in libpq form (with
/// target_session_attrs and load_balance_hosts=random as in the tutorial) and in Npgsql form (GSS encryption off,
/// <see cref="NpgsqlGss"/>).
/// </summary>
public static class DsnText
{
    public static string Render(ClusterView cluster, string user, string database)
    {
        var members = cluster.Members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => m.PostgresEndpoint).Where(e => e.Host.Length > 0).ToList();
        string hosts = string.Join(',', members.Select(m => m.Host));
        string ports = string.Join(',', members.Select(m => m.Port));
        var text = new StringBuilder();
        foreach ((string label, string libpq, string npgsql) in (ReadOnlySpan<(string, string, string)>)
            [("read-write", "read-write", "read-write"), ("read-only", "read-only", "prefer-standby"), ("any", "any", "any")])
        {
            string balance = label == "read-write" ? "" : " load_balance_hosts=random";
            text.AppendLine($"{label}:");
            text.AppendLine($"  libpq:  host={hosts} port={ports} dbname={database} user={user} target_session_attrs={libpq}{balance}");
            text.AppendLine($"  npgsql: Host={string.Join(',', members.Select(m => $"{m.Host}:{m.Port}"))};Database={database};Username={user};Target Session Attributes={npgsql}" +
                $"{(label == "read-write" ? "" : ";Load Balance Hosts=true")};{NpgsqlGss.Off}");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>patronictl's own form for one member: <c>host=h port=p</c>.</summary>
    public static string Member(Member member) => $"host={member.PostgresEndpoint.Host} port={member.PostgresEndpoint.Port}";
}
