using Pgha.Processes;

namespace Pgha.IntegrationTests.Processes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileSystemSyncTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pgha-test-syncfs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Syncing_a_data_directory_follows_its_wal_and_tablespace_links_without_error()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        string wal = Directory.CreateDirectory(Path.Combine(_dir, "wal")).FullName;
        string tablespace = Directory.CreateDirectory(Path.Combine(_dir, "ts")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(data, "pg_wal"), "../wal");
        Directory.CreateSymbolicLink(Path.Combine(Directory.CreateDirectory(Path.Combine(data, "pg_tblspc")).FullName, "16384"), tablespace);
        File.WriteAllText(Path.Combine(wal, "000000010000000000000001"), "wal");

        Exception? error = Record.Exception(() => FileSystemSync.SyncDataDirectory(data));

        Assert.Null(error);
    }

    [Fact]
    public void Syncing_a_missing_directory_names_it_in_the_error()
    {
        string missing = Path.Combine(_dir, "missing");

        PghaException error = Assert.Throws<PghaException>(() => FileSystemSync.SyncDataDirectory(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syncfs_is_trusted_on_this_kernel_only_from_linux_5_8()
    {
        Assert.Equal(Environment.OSVersion.Version >= new Version(5, 8), FileSystemSync.IsReliable);
    }
}
