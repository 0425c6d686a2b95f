using System.Globalization;
using Npgsql;
using Pgha.Cli;
using Pgha.Postgres;

namespace Pgha.Verify;

/// <summary>
/// The connection string of a verify run: an Npgsql string (<c>Host=a,b;...</c>) or libpq keywords
/// (<c>host=a,b port=5432 target_session_attrs=read-write</c>), turned into the writers' multi-host string and one
/// direct string per member for the read-back.
/// </summary>
public sealed class VerifyDsn
{
    /// <summary>Npgsql's canonical keyword; the builder's Keys lists only what the DSN set, under that name.</summary>
    private const string GssEncryptionModeKey = "GSS Encryption Mode";

    private static readonly Dictionary<string, string> s_libpqToNpgsql = new(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["hostaddr"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["passfile"] = "Passfile",
        ["connect_timeout"] = "Timeout",
        ["sslmode"] = "SSL Mode",
        ["gssencmode"] = GssEncryptionModeKey,
        ["target_session_attrs"] = "Target Session Attributes",
        ["application_name"] = "Application Name",
    };

    private readonly NpgsqlConnectionStringBuilder _builder;

    private VerifyDsn(NpgsqlConnectionStringBuilder builder, IReadOnlyList<(string Host, int Port)> hosts)
    {
        _builder = builder;
        Hosts = hosts;
    }

    public IReadOnlyList<(string Host, int Port)> Hosts { get; }

    public static VerifyDsn Parse(string dsn, string? passfile)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(dsn.Contains(';', StringComparison.Ordinal) || !dsn.Contains('=', StringComparison.Ordinal) ? dsn : FromLibpq(dsn));
        }
        catch (ArgumentException e)
        {
            throw new PghaException($"--dsn: {e.Message}; pass Host=h1,h2,h3;Username=postgres or host=h1,h2,h3 port=5432 user=postgres", ExitCodes.Usage);
        }
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new PghaException("--dsn: no host; pass Host=h1,h2,h3 (or host=h1,h2,h3) with every member", ExitCodes.Usage);
        }
        if (passfile is not null && builder.Password is null && builder.Passfile is null)
        {
            builder.Passfile = passfile;
        }
        // Keys, not ContainsKey: Npgsql's ContainsKey is true for every keyword it knows, set or not.
#pragma warning disable CA1841
        bool asksForGss = builder.Keys.Contains(GssEncryptionModeKey);
#pragma warning restore CA1841
        if (!asksForGss)
        {
            // Only a DSN that asks for GSS (Kerberos) gets it: the writers measure outages in milliseconds, and Npgsql's
            // default GSS attempt can hold a login for seconds (NpgsqlLogin).
            builder.WithoutGss();
        }
        builder.Database ??= "postgres";
        builder.Username ??= "postgres";
        return new VerifyDsn(builder, HostList(builder));
    }

    /// <summary>The writers' string: read-write only, short timeouts, a dead primary rechecked after 1 s.</summary>
    public string Writer() => With(b =>
    {
        b.TargetSessionAttributes = "read-write";
        b.HostRecheckSeconds = 1;
        b.LoadBalanceHosts = false;
    });

    /// <summary>One member, whatever its role, for the read-back.</summary>
    public string Member(string host, int port) => With(b =>
    {
        b.Host = host;
        b.Port = port;
        b.TargetSessionAttributes = "any";
    });

    private string With(Action<NpgsqlConnectionStringBuilder> edit)
    {
        var b = new NpgsqlConnectionStringBuilder(_builder.ConnectionString) { Timeout = 2, CommandTimeout = 5, Pooling = false, CancellationTimeout = 1000 };
        edit(b);
        return b.ConnectionString;
    }

    private static List<(string, int)> HostList(NpgsqlConnectionStringBuilder builder) =>
        builder.Host!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h =>
        {
            int colon = h.LastIndexOf(':');
            return colon > 0 && int.TryParse(h[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                ? (h[..colon], port)
                : (h, builder.Port);
        }).ToList();

    /// <summary>libpq keywords to Npgsql's; libpq's comma-separated port list pairs with the host list.</summary>
    private static string FromLibpq(string dsn)
    {
        var pairs = dsn.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        if (pairs.TryGetValue("host", out string? hosts) && pairs.TryGetValue("port", out string? ports) && ports.Contains(',', StringComparison.Ordinal))
        {
            pairs["host"] = string.Join(',', hosts.Split(',').Zip(ports.Split(','), (h, p) => $"{h}:{p}"));
            pairs.Remove("port");
        }
        return string.Join(';', pairs.Where(p => s_libpqToNpgsql.ContainsKey(p.Key)).Select(p => $"{s_libpqToNpgsql[p.Key]}={p.Value}"));
    }
}
