using System.Globalization;

namespace Pgha.Processes;

/// <summary>An OS account from /etc/passwd: who PostgreSQL's binaries and files belong to.</summary>
public sealed record OsUser(string Name, uint Uid, uint Gid, string Home)
{
    public static OsUser Lookup(string name) =>
        ReadPasswd().FirstOrDefault(u => u.Name == name)
        ?? throw new PghaException($"/etc/passwd: no user \"{name}\"; create it or chown the data directory to the user that should run PostgreSQL");

    public static OsUser LookupUid(uint uid) =>
        ReadPasswd().FirstOrDefault(u => u.Uid == uid)
        ?? throw new PghaException($"/etc/passwd: no user with uid {uid}; chown the data directory to an existing user");

    private static IEnumerable<OsUser> ReadPasswd()
    {
        foreach (string line in File.ReadLines("/etc/passwd"))
        {
            string[] f = line.Split(':');
            if (f.Length >= 6
                && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint uid)
                && uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint gid))
            {
                yield return new OsUser(f[0], uid, gid, f[5]);
            }
        }
    }
}
