using System.Diagnostics;
using System.Globalization;
using Pgha.Agent;

namespace Pgha.IntegrationTests.Agent;

/// <summary>
/// The fence process's watcher against a stand-in postmaster (a copy of sleep named postgres, so /proc shows a
/// postgres process): it sleeps until the deadline or a change of the deadline file instead of polling.
/// </summary>
public sealed class FenceWatcherTests : IDisposable
{
    private readonly string _root = Path.Combine("/tmp", $"pgha-test-fence-{Guid.NewGuid().ToString("N")[..8]}");
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private Process? _postmaster;

    private string DataDir => Path.Combine(_root, "data");
    private string DeadlineFile => Path.Combine(_root, "run", "fence.deadline");

    public FenceWatcherTests()
    {
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(Path.GetDirectoryName(DeadlineFile)!);
    }

    [Fact]
    public async Task The_fence_stops_a_primary_when_the_deadline_it_sleeps_until_passes()
    {
        StartPostmaster();
        WriteDeadline(DateTimeOffset.UtcNow.AddMilliseconds(1500).ToUnixTimeMilliseconds());

        Task fence = StartFence();

        await _postmaster!.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.False(fence.IsFaulted, fence.Exception?.ToString());
    }

    [Fact]
    public async Task The_fence_stops_a_primary_when_the_agent_moves_the_deadline_into_the_past()
    {
        StartPostmaster();
        WriteDeadline(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        Task fence = StartFence();
        Assert.False(_postmaster!.HasExited);

        WriteDeadline(0);

        await _postmaster.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Contains("fencing: stopping the primary", _log.ToString(), StringComparison.Ordinal);
        Assert.False(fence.IsFaulted, fence.Exception?.ToString());
    }

    [Fact]
    public async Task The_fence_exits_when_the_agent_exits_and_no_postmaster_runs()
    {
        using Process agent = Process.Start("/bin/sleep", "600");
        try
        {
            Task fence = StartFence(agent.Id);
            Assert.False(fence.IsCompleted);

            agent.Kill();

            await fence.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill();
            }
        }
    }

    private Task StartFence(int? agentPid = null)
    {
        var watcher = new FenceWatcher(DataDir, DeadlineFile, agentPid ?? Environment.ProcessId, TextWriter.Synchronized(_log));
        return Task.Run(() => watcher.RunAsync(_stop.Token));
    }

    private void StartPostmaster()
    {
        string binary = Path.Combine(_root, "postgres");
        File.Copy("/bin/sleep", binary);
        _postmaster = Process.Start(binary, "600");
        File.WriteAllText(Path.Combine(DataDir, "postmaster.pid"), _postmaster.Id.ToString(CultureInfo.InvariantCulture) + "\n" + DataDir + "\n");
    }

    /// <summary>As the agent does: a new file renamed over the old one.</summary>
    private void WriteDeadline(long unixMs)
    {
        string temp = DeadlineFile + ".tmp";
        File.WriteAllText(temp, unixMs.ToString(CultureInfo.InvariantCulture));
        File.Move(temp, DeadlineFile, overwrite: true);
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_postmaster is { HasExited: false })
        {
            _postmaster.Kill();
        }
        _postmaster?.Dispose();
        _stop.Dispose();
        _log.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
