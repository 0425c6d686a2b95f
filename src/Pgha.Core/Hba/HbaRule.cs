using System.Net;

namespace Pgha.Core.Hba;

/// <summary>
/// One pg_hba.conf rule, parsed and checked as PostgreSQL would: connection type, database, user, address (CIDR,
/// address + mask, host name or keyword) for non-local types, authentication method, then name=value options.
/// </summary>
public sealed record HbaRule(string Type, string Database, string User, string? Address, string Method, IReadOnlyList<string> Options)
{
    private static readonly string[] s_types = ["local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"];
    private static readonly string[] s_methods = ["trust", "reject", "scram-sha-256", "md5", "password", "gss", "sspi", "ident", "peer", "ldap", "radius", "cert", "pam", "bsd"];

    /// <summary>The rule as one line, single spaces between fields.</summary>
    public string Text => string.Join(' ', new[] { Type, Database, User, Address, Method }.Where(f => f is not null).Concat(Options));

    /// <summary>What a connection is matched on: two rules with the same key compete, and only the first ever applies.</summary>
    public string MatchKey => $"{Type} {Database} {User} {Address}";

    /// <summary>The rule, or why the line is not one (a message naming the field and the fix).</summary>
    public static (HbaRule? Rule, string? Error) Parse(string line)
    {
        string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4 || f[0].StartsWith('#'))
        {
            return (null, $"\"{line.Trim()}\" is not a pg_hba rule: write TYPE DATABASE USER [ADDRESS] METHOD, e.g. host all all 10.0.0.0/8 scram-sha-256");
        }
        string type = f[0];
        if (!s_types.Contains(type))
        {
            return (null, $"type \"{type}\" is unknown: use one of {string.Join(", ", s_types)}");
        }
        int next = 3;
        string? address = null;
        if (type != "local")
        {
            (address, next, string? error) = ReadAddress(f);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (next >= f.Length)
        {
            return (null, $"\"{line.Trim()}\" has no authentication method: end it with e.g. scram-sha-256");
        }
        string method = f[next];
        if (!s_methods.Contains(method))
        {
            return (null, $"method \"{method}\" is unknown: use one of {string.Join(", ", s_methods)}");
        }
        string[] options = f[(next + 1)..];
        if (options.FirstOrDefault(o => !o.Contains('=', StringComparison.Ordinal)) is { } bad)
        {
            return (null, $"option \"{bad}\" is not name=value");
        }
        if (type == "local" && method is "gss" or "sspi")
        {
            return (null, $"method {method} is not supported on local connections");
        }
        return (new HbaRule(type, f[1], f[2], address, method, options), null);
    }

    private static (string? Address, int Next, string? Error) ReadAddress(string[] f)
    {
        string a = f[3];
        if (f.Length < 5)
        {
            return (null, 0, $"a {f[0]} rule needs an address and a method after the user, e.g. 10.0.0.0/8 scram-sha-256");
        }
        if (a is "all" or "samehost" or "samenet")
        {
            return (a, 4, null);
        }
        int slash = a.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            bool ok = IPAddress.TryParse(a[..slash], out IPAddress? ip) && int.TryParse(a[(slash + 1)..], out int bits)
                && bits >= 0 && bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return ok ? (a, 4, null) : (null, 0, $"address \"{a}\" is not a valid CIDR: write e.g. 10.0.0.0/8 or fd00::/8");
        }
        if (IPAddress.TryParse(a, out _))
        {
            // An address without /bits takes a netmask as the next field.
            return f.Length > 5 && IPAddress.TryParse(f[4], out _)
                ? ($"{a} {f[4]}", 5, null)
                : (null, 0, $"address \"{a}\" has no prefix length: write {a}/32 (one host) or a network such as 10.0.0.0/8");
        }
        bool hostName = a.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') && a.Any(char.IsAsciiLetter);
        return hostName ? (a, 4, null) : (null, 0, $"address \"{a}\" is neither a CIDR, a host name, nor all/samehost/samenet");
    }
}
