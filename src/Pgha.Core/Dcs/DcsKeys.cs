using System.Text;

namespace Pgha.Core.Dcs;

/// <summary>Patroni's key layout under <c>/&lt;namespace&gt;/&lt;scope&gt;/</c>.</summary>
/// <remarks>Wire format: never rename. The real patronictl and DCS-reading monitors look for these exact names.</remarks>
public static class DcsKeys
{
    public const string Initialize = "initialize";
    public const string Config = "config";
    public const string Leader = "leader";
    public const string MembersDir = "members/";
    public const string Failover = "failover";
    public const string Sync = "sync";
    public const string History = "history";
    public const string Status = "status";
    public const string LegacyLeaderOptime = "optime/leader";
    public const string Failsafe = "failsafe";

    /// <summary>
    /// The cluster prefix, always with a leading and trailing slash and no doubled slashes, as Patroni builds it:
    /// namespace <c>/service/</c> (or <c>service</c>) and scope <c>batman</c> give <c>/service/batman/</c>.
    /// </summary>
    public static string Prefix(string ns, string scope)
    {
        string joined = "/" + ns + "/" + scope + "/";
        var result = new StringBuilder(joined.Length);
        foreach (char c in joined)
        {
            if (c != '/' || result.Length == 0 || result[^1] != '/')
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    public static string Member(string name) => MembersDir + name;

    /// <summary>The member name of a relative key such as <c>members/n1</c>; null for any other key.</summary>
    public static string? MemberName(string relativeKey)
    {
        if (!relativeKey.StartsWith(MembersDir, StringComparison.Ordinal))
        {
            return null;
        }
        string name = relativeKey[MembersDir.Length..];
        // Only direct children count: Patroni ignores deeper keys under members/.
        return name.Length == 0 || name.Contains('/', StringComparison.Ordinal) ? null : name;
    }
}
