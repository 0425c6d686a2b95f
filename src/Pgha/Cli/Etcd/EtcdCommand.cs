using System.CommandLine;

namespace Pgha.Cli.Etcd;

/// <summary><c>pgha etcd</c>: the etcd quorum as etcdctl shows it, with a verdict in words.</summary>
public sealed class EtcdCommand : Command
{
    public EtcdCommand() : base("etcd", "Inspect the etcd cluster: members and quorum")
    {
        Subcommands.Add(new EtcdStatusCommand());
        Subcommands.Add(new EtcdMembersCommand());
    }
}
