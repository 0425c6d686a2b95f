using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Which OS user PostgreSQL runs as: the owner of the data directory (or of its nearest existing parent).</summary>
public static class DataDirectoryOwner
{
    private const string DefaultUser = "postgres";

    /// <summary>Null when we are not root (we cannot switch users, so everything runs as us).</summary>
    public static OsUser? Resolve(string dataDir)
    {
        if (!Posix.IsRoot)
        {
            return null;
        }
        string? path = dataDir;
        while (path is not null && !Directory.Exists(path))
        {
            path = Path.GetDirectoryName(path);
        }
        uint uid = path is null ? 0 : Posix.OwnerUid(path);
        // A root-owned parent (such as /var/lib or /tmp) says nothing about who should run PostgreSQL.
        return uid == 0 ? OsUser.Lookup(DefaultUser) : OsUser.LookupUid(uid);
    }
}
