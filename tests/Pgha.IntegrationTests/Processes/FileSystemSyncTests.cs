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
        using FileSystemSync sync = FileSystemSync.Begin(data, []);
        Directory.CreateSymbolicLink(Path.Combine(data, "pg_wal"), "../wal");
        Directory.CreateSymbolicLink(Path.Combine(Directory.CreateDirectory(Path.Combine(data, "pg_tblspc")).FullName, "16384"), tablespace);
        File.WriteAllText(Path.Combine(wal, "000000010000000000000001"), "wal");

        sync.SyncDataDirectory();

        Assert.Equal([data, tablespace, wal], sync.HeldPaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Beginning_holds_the_data_directory_open_before_the_tool_writes_anything()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;

        using FileSystemSync sync = FileSystemSync.Begin(data, []);

        Assert.Contains(data, OpenDirectories());
    }

    [Fact]
    public void Beginning_holds_a_wal_directory_not_yet_created_through_its_nearest_existing_parent()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        string wal = Path.Combine(_dir, "not-yet", "wal");

        using FileSystemSync sync = FileSystemSync.Begin(data, [wal]);

        Assert.Equal([data, _dir], sync.HeldPaths);
        Assert.Contains(_dir, OpenDirectories());
    }

    [Fact]
    public void Disposing_closes_the_held_directories()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;

        FileSystemSync.Begin(data, []).Dispose();

        Assert.DoesNotContain(data, OpenDirectories());
    }

    [Fact]
    public void Beginning_on_a_missing_directory_names_it_in_the_error()
    {
        string missing = Path.Combine(_dir, "missing");

        PghaException error = Assert.Throws<PghaException>(() => FileSystemSync.Begin(missing, []));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syncfs_is_trusted_on_this_kernel_only_from_linux_5_8()
    {
        Assert.Equal(Environment.OSVersion.Version >= new Version(5, 8), FileSystemSync.IsReliable);
    }

    /// <summary>What this process's descriptors point at, as the kernel names them.</summary>
    private static string[] OpenDirectories() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Select(fd => fd.LinkTarget).OfType<string>()];
}
