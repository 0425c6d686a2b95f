using System.Globalization;
using Pgha.Core.Ha;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The agent's side of fencing: after each cycle it writes, when it changed, the instant until which PostgreSQL may
/// run as primary, and makes sure a fence process (<c>pgha fence</c>) watches that file. The fence outlives the agent: if the
/// agent is killed, the deadline stops moving and the fence stops the primary before its leader key can expire.
/// With <paramref name="configPath"/> and <paramref name="leaseId"/> it also names the leader key's lease, which the
/// fence revokes once the agent and PostgreSQL are both gone (<see cref="FenceRelease"/>).
/// </summary>
public sealed class PrimaryFence(string dataDir, string runDir, TimeProvider clock, string? configPath = null, Func<long>? leaseId = null)
{
    public string DeadlineFile => Path.Combine(runDir, "fence.deadline");
    public string LeaseFile => Path.Combine(runDir, "fence.lease");
    public string PidFile => Path.Combine(runDir, "fence.pid");

    // A process mid-execve is looked at again this often, this many times at most (see IsFence).
    private const int MaxLooksDuringExec = 20;
    private const int LookAgainAfterMs = 5;

    private long? _written;
    private FenceLease? _leaseWritten;
    private Task? _fenceExit;

    public void Update(AgentMemory memory, HaSettings settings, LongActionStatus? longAction)
    {
        DateTimeOffset deadline = FenceDeadline.Compute(memory, settings, longAction, clock.GetUtcNow());
        long ms = deadline == DateTimeOffset.MaxValue ? long.MaxValue : deadline.ToUnixTimeMilliseconds();
        // Named before the deadline moves on it, so a fence never sees a new leader's deadline with the last lease missing.
        if (leaseId is not null)
        {
            WriteLease(FenceLease.For(memory, settings, leaseId(), Environment.ProcessId));
        }
        // A replica's deadline stays "none" cycle after cycle: rewriting it would cost an fsync and wake the fence.
        if (ms != _written || !File.Exists(DeadlineFile))
        {
            Directory.CreateDirectory(runDir);
            AtomicFile.Write(DeadlineFile, ms.ToString(CultureInfo.InvariantCulture), AtomicFile.Normal, null, durable: false);
            _written = ms;
        }
        EnsureRunning();
    }

    /// <summary>Written only when it changes (a new lease, the key taken or given up); the fence reads it only to release.</summary>
    private void WriteLease(FenceLease lease)
    {
        if (lease != _leaseWritten || !File.Exists(LeaseFile))
        {
            Directory.CreateDirectory(runDir);
            AtomicFile.Write(LeaseFile, lease.Format(), AtomicFile.Normal, null, durable: false);
            _leaseWritten = lease;
        }
    }

    /// <summary>
    /// Once a fence is known to run, its pidfd tells when it exits, so an idle cycle opens no file here; only without
    /// a pidfd (kernel before 5.3) are the pid file and /proc read each cycle.
    /// </summary>
    private void EnsureRunning()
    {
        if (_fenceExit is { IsCompleted: false })
        {
            return;
        }
        _fenceExit = null;
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out int pid) && DetachedProcess.IsAlive(pid) && IsFence(pid))
        {
            _fenceExit = ProcessExit.Watch(pid, IsFence);
            return;
        }
        (string exe, List<string> args) = SelfCommand.Get();
        args.AddRange(["fence", "--data-dir", dataDir, "--deadline-file", DeadlineFile, "--agent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        if (configPath is not null && leaseId is not null)
        {
            args.AddRange(["--lease-file", LeaseFile, "--config", configPath]);
        }
        int fence = DetachedProcess.Start(exe, args, Path.Combine(runDir, "fence.log"));
        File.WriteAllText(PidFile, fence.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A process in the middle of execve shows an empty command line (the new image's arguments are not mapped yet), and
    /// a fence just started goes through one: setsid execs the agent's binary. Looking again for a moment keeps a fence
    /// caught in that window from being taken for gone, which started a second one.
    /// </summary>
    private static bool IsFence(int pid)
    {
        for (int look = 1; ; look++)
        {
            string? commandLine = ProcessCommandLine.Read(pid);
            if (commandLine is not { Length: 0 } || look == MaxLooksDuringExec || !DetachedProcess.IsAlive(pid))
            {
                return commandLine?.Contains("\0fence\0", StringComparison.Ordinal) == true;
            }
            Thread.Sleep(LookAgainAfterMs);
        }
    }
}
