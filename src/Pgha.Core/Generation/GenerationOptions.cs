namespace Pgha.Core.Generation;

/// <summary>Everything <see cref="DeploymentGenerator"/> needs besides the inventory.</summary>
public sealed record GenerationOptions
{
    public PathLayout Paths { get; init; } = new();
    public required DeploymentSecrets Secrets { get; init; }
    public TimingProfile Timing { get; init; } = TimingProfile.Standard;
    /// <summary>PostgreSQL's bin directory; null leaves <c>bin_dir</c> out so the agent finds it.</summary>
    public string? BinDir { get; init; }
    public EtcdNaming EtcdNames { get; init; } = EtcdNaming.HostName;
    /// <summary>True: other hosts are reached by name (pgha1:2379), as the tutorial does; false: by address.</summary>
    public bool ConnectByHostName { get; init; } = true;
    /// <summary>True: bind 0.0.0.0 and etcd also on localhost (one service per machine); false: bind the host's address only (many hosts on one machine, as the sandbox).</summary>
    public bool ListenOnAllInterfaces { get; init; } = true;
    public PortLayout Ports { get; init; } = PortLayout.Standard;
    /// <summary>Where the pgha executable is installed, for the systemd unit.</summary>
    public string PghaBinary { get; init; } = "/usr/local/bin/pgha";
    /// <summary>Where etcd is installed, for the systemd unit.</summary>
    public string EtcdBinary { get; init; } = "/usr/bin/etcd";
    /// <summary>The OS user that runs etcd and the agent and owns their directories.</summary>
    public string ServiceUser { get; init; } = "postgres";
}
