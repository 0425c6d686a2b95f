namespace Pgha.Core.Generation;

/// <summary>How etcd members are named: after their host (pgha1) or by alias (etcd1), the tutorial's <c>-e</c>.</summary>
public enum EtcdNaming
{
    HostName,
    Alias,
}
