using System.Diagnostics;
using Pgha.Processes;

namespace Pgha.IntegrationTests.Processes;

public sealed class FileChangesTests : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("pgha-test-filechanges-").FullName;
    private readonly FileChanges _changes = FileChanges.Open() ?? throw new InvalidOperationException("no inotify on this kernel");

    public void Dispose()
    {
        _changes.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_watched_file_replaced_by_a_rename_ends_the_wait()
    {
        Assert.True(_changes.Watch(_dir, "fence.deadline"));
        File.WriteAllText(Path.Combine(_dir, "fence.deadline.tmp"), "1");
        File.Move(Path.Combine(_dir, "fence.deadline.tmp"), Path.Combine(_dir, "fence.deadline"));

        Assert.True(_changes.Wait(s_patience));
    }

    [Fact]
    public void A_change_of_another_file_in_the_watched_directory_does_not_end_the_wait_as_a_change()
    {
        Assert.True(_changes.Watch(_dir, "fence.deadline"));
        File.WriteAllText(Path.Combine(_dir, "postmaster.log"), "a line");

        Assert.False(_changes.Wait(s_patience));
    }

    [Fact]
    public void A_deleted_directory_ends_the_wait_and_is_no_longer_watched()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        Assert.True(_changes.Watch(data, "postmaster.pid"));
        Directory.Delete(data);

        Assert.True(_changes.Wait(s_patience));
        Assert.False(_changes.IsWatching(data));
    }

    [Fact]
    public void An_interrupt_ends_the_wait_without_a_change()
    {
        Assert.True(_changes.Watch(_dir, "fence.deadline"));
        _changes.Interrupt();

        Assert.False(_changes.Wait(s_patience));
    }

    [Fact]
    public void A_directory_that_does_not_exist_cannot_be_watched() =>
        Assert.False(_changes.Watch(Path.Combine(_dir, "missing"), "postmaster.pid"));

    [Fact]
    public void The_exit_of_a_watched_process_ends_the_wait_as_a_change()
    {
        using Process sleeper = Process.Start("/bin/sleep", "600");
        try
        {
            Assert.True(_changes.WatchExit(sleeper.Id));
            Assert.True(_changes.IsWatchingExit);
            sleeper.Kill();

            Assert.True(_changes.Wait(s_patience));
            Assert.False(_changes.IsWatchingExit);
        }
        finally
        {
            if (!sleeper.HasExited)
            {
                sleeper.Kill();
            }
        }
    }
}
