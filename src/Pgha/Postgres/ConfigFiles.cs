using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Writes the files PostgreSQL reads at start and reload: postgresql.conf, pg_hba.conf, standby.signal, pgpass.</summary>
public sealed class ConfigFiles(PostgresInstance pg)
{
    private const UnixFileMode ConfMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private string Conf => Path.Combine(pg.DataDir, "postgresql.conf");
    private string BaseConf => Path.Combine(pg.DataDir, PostgresqlConfFile.BaseFileName);
    private string StandbySignal => Path.Combine(pg.DataDir, "standby.signal");

    public bool HasStandbySignal => File.Exists(StandbySignal);

    /// <summary>The value the leader rules chose (null: none yet, or a replica); written only while synchronous_mode is on.</summary>
    public string? SynchronousStandbyNames { get; set; }

    /// <summary>
    /// Everything for a start (or reload) in <paramref name="role"/>; a replica without upstream waits for one. The
    /// files are written together (<see cref="AtomicFile.WriteAll"/>), each durable before PostgreSQL may read it; a
    /// file that already holds its content and mode is left as it is (it was made durable when it was written).
    /// </summary>
    /// <returns>False when nothing on disk changed.</returns>
    public bool Write(StartRole role, Upstream? upstream)
    {
        var files = new List<FileContent>();
        PreserveBaseConf(files);
        IReadOnlyDictionary<string, string> recovery = role == StartRole.Replica ? Recovery(upstream, files) : new Dictionary<string, string>();
        files.Add(new FileContent(Conf, PostgresqlConfFile.Render(WithSyncNames(role), recovery), ConfMode));
        if (PgHbaIfConfigured() is { } hba)
        {
            files.Add(hba);
        }
        if (role == StartRole.Replica)
        {
            files.Add(new FileContent(StandbySignal, "", ConfMode));
        }
        List<FileContent> changed = files.FindAll(f => !Holds(f));
        if (changed.Count > 0)
        {
            pg.WriteFiles(changed);
        }
        bool leftStandby = role != StartRole.Replica && File.Exists(StandbySignal);
        if (leftStandby)
        {
            File.Delete(StandbySignal);
        }
        return changed.Count > 0 || leftStandby;
    }

    private static bool Holds(FileContent file) =>
        File.Exists(file.Path) && (OperatingSystem.IsWindows() || File.GetUnixFileMode(file.Path) == file.Mode) && File.ReadAllText(file.Path) == file.Text;

    /// <summary>Rewrites pg_hba.conf from <paramref name="lines"/> plus the access the agent itself needs.</summary>
    public void WritePgHba(IEnumerable<string> lines)
    {
        FileContent hba = PgHba(lines);
        pg.WriteFile(hba.Path, hba.Text, hba.Mode);
    }

    public void RemoveStandbySignal() => File.Delete(StandbySignal);

    /// <summary>
    /// Synchronous mode owns synchronous_standby_names: the leader's choice, else <c>*</c> on a strict primary (commits
    /// wait until the leader names a standby again), else nothing. A replica never carries it unless the leader set it
    /// just before promoting, so a promoted replica cannot wait for standbys nobody chose.
    /// </summary>
    private IReadOnlyDictionary<string, string> WithSyncNames(StartRole role)
    {
        IReadOnlyDictionary<string, string> parameters = pg.Parameters;
        if (!pg.Dynamic.SynchronousMode)
        {
            return parameters;
        }
        var owned = new Dictionary<string, string>(parameters);
        owned.Remove("synchronous_standby_names");
        string? value = SynchronousStandbyNames ?? (role == StartRole.Primary && pg.Dynamic.SynchronousModeStrict ? "*" : null);
        if (!string.IsNullOrEmpty(value))
        {
            owned["synchronous_standby_names"] = value;
        }
        return owned;
    }

    private FileContent PgHba(IEnumerable<string> lines)
    {
        PostgresqlConfig local = pg.Config.Postgresql;
        IReadOnlyList<string> withAgent = PgHbaFile.WithAgentAccess(lines, local.Superuser.Username, local.Replication.Username);
        return new FileContent(Path.Combine(pg.DataDir, "pg_hba.conf"), PgHbaFile.Render(withAgent), ConfMode);
    }

    /// <summary><c>postgresql.pg_hba</c> wins over the DCS's <c>pg_hba</c>; with neither, the file is left as it is.</summary>
    private FileContent? PgHbaIfConfigured()
    {
        IReadOnlyList<string>? lines = pg.Config.Postgresql.PgHba ?? pg.Dynamic.PgHba;
        return lines is null ? null : PgHba(lines);
    }

    /// <summary>The original (initdb's) postgresql.conf becomes the base file once; after a clone the copied base is kept.</summary>
    private void PreserveBaseConf(List<FileContent> files)
    {
        if (File.Exists(BaseConf))
        {
            return;
        }
        if (File.Exists(Conf) && !PostgresqlConfFile.IsGenerated(File.ReadAllText(Conf)))
        {
            File.Move(Conf, BaseConf);
            return;
        }
        files.Add(new FileContent(BaseConf, "", ConfMode));
    }

    private Dictionary<string, string> Recovery(Upstream? upstream, List<FileContent> files)
    {
        var recovery = new Dictionary<string, string>(pg.Dynamic.RecoveryConf) { ["recovery_target_timeline"] = "latest" };
        if (upstream is null)
        {
            return recovery;
        }
        Credentials replication = pg.Config.Postgresql.Replication;
        files.Add(new FileContent(pg.PgpassPath, PgpassFile.Render(
            [new PgpassEntry(upstream.Host, upstream.Port, "*", replication.Username, replication.Password ?? "")]), AtomicFile.Secret));
        recovery["primary_conninfo"] = PrimaryConnInfo.Build(upstream.Host, upstream.Port, replication.Username, pg.PgpassPath, pg.Config.Name);
        if (pg.Dynamic.UseSlots)
        {
            recovery["primary_slot_name"] = SlotName.ForMember(pg.Config.Name);
        }
        return recovery;
    }
}
