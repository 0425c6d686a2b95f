using System.Globalization;
using Pgha.Agent;
using Pgha.Core.Ha;
using Pgha.Processes;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>The agent's side of fencing: the fence process it keeps running beside itself (no PostgreSQL needed).</summary>
public sealed class PrimaryFenceTests : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("pgha-test-primaryfence-").FullName;
    private readonly PrimaryFence _fence;
    private readonly HaSettings _settings = new() { Name = "n1" };

    public PrimaryFenceTests() => _fence = new PrimaryFence(Path.Combine(_dir, "data"), Path.Combine(_dir, "run"), TimeProvider.System);

    public void Dispose()
    {
        if (FencePid() is int pid)
        {
            Signals.Send(pid, Signals.SigKill);
        }
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_fence_killed_after_the_agent_saw_it_running_is_started_again_at_the_next_cycle()
    {
        _fence.Update(new AgentMemory(), _settings, null);
        int first = FencePid() ?? throw new InvalidOperationException("no fence.pid after the first cycle");
        await Wait.UntilAsync(() => IsFence(first), s_patience, "the fence runs");
        _fence.Update(new AgentMemory(), _settings, null);
        Assert.Equal(first, FencePid());

        Signals.Send(first, Signals.SigKill);

        await Wait.UntilAsync(() =>
        {
            _fence.Update(new AgentMemory(), _settings, null);
            return FencePid() != first;
        }, s_patience, "a cycle started a new fence");
    }

    [Fact]
    public async Task A_leader_names_its_lease_to_the_fence_and_a_node_that_stepped_down_names_none()
    {
        var fence = new PrimaryFence(Path.Combine(_dir, "data"), Path.Combine(_dir, "run"), TimeProvider.System, Path.Combine(_dir, "pgha.yaml"), () => 77);
        var leader = new AgentMemory { HoldsLeaderKey = true, LeaderKeyRefreshedAt = DateTimeOffset.UtcNow };

        fence.Update(leader, _settings, null);
        Assert.Equal(new FenceLease(77, Environment.ProcessId), FenceLease.Parse(File.ReadAllText(fence.LeaseFile)));
        int pid = FencePid() ?? throw new InvalidOperationException("no fence.pid after the first cycle");
        await Wait.UntilAsync(() => IsFence(pid), s_patience, "the fence runs");
        Assert.Contains($"\0--lease-file\0{fence.LeaseFile}\0--config\0{Path.Combine(_dir, "pgha.yaml")}", File.ReadAllText($"/proc/{pid}/cmdline"), StringComparison.Ordinal);

        fence.Update(leader.SteppedDown(), _settings, null);
        Assert.Equal(new FenceLease(0, Environment.ProcessId), FenceLease.Parse(File.ReadAllText(fence.LeaseFile)));
    }

    private static bool IsFence(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("\0fence\0", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // not started yet, or already gone
        }
    }

    private int? FencePid() =>
        File.Exists(_fence.PidFile) && int.TryParse(File.ReadAllText(_fence.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
}
