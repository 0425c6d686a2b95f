using Pgha.Processes;

namespace Pgha.IntegrationTests.Processes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriteAllTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pgha-test-atomic-").FullName;
    private readonly OsUser _postgres = OsUser.Lookup("postgres");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writing_several_files_replaces_each_with_its_content_mode_and_owner_and_leaves_no_temporary_file()
    {
        string conf = Path.Combine(_dir, "postgresql.conf");
        string pgpass = Path.Combine(_dir, "pgpass");
        string signal = Path.Combine(_dir, "standby.signal");
        File.WriteAllText(conf, "old");

        AtomicFile.WriteAll(
        [
            new FileContent(conf, "port = 5432\n", AtomicFile.Normal),
            new FileContent(pgpass, "h:5432:*:u:p\n", AtomicFile.Secret),
            new FileContent(signal, "", AtomicFile.Secret),
        ], _postgres);

        Assert.Equal("port = 5432\n", File.ReadAllText(conf));
        Assert.Equal("h:5432:*:u:p\n", File.ReadAllText(pgpass));
        Assert.Equal("", File.ReadAllText(signal));
        Assert.Equal(AtomicFile.Normal, File.GetUnixFileMode(conf));
        Assert.Equal(AtomicFile.Secret, File.GetUnixFileMode(pgpass));
        Assert.All([conf, pgpass, signal], path => Assert.Equal(_postgres.Uid, Posix.OwnerUid(path)));
        Assert.Equal(3, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void Writing_several_files_where_one_cannot_be_written_replaces_none_and_leaves_no_temporary_file()
    {
        string conf = Path.Combine(_dir, "postgresql.conf");
        File.WriteAllText(conf, "old");

        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAll(
        [
            new FileContent(conf, "new", AtomicFile.Normal),
            new FileContent(Path.Combine(_dir, "missing", "pgpass"), "h:5432:*:u:p\n", AtomicFile.Secret),
        ], owner: null));

        Assert.Equal("old", File.ReadAllText(conf));
        Assert.Equal([conf], Directory.GetFiles(_dir));
    }
}
