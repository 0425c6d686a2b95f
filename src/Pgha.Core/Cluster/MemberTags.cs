namespace Pgha.Core.Cluster;

/// <summary>Patroni's member tags (<c>tags:</c> in the config, <c>tags</c> in the member key).</summary>
public sealed record MemberTags
{
    public static readonly MemberTags None = new();

    public bool NoFailover { get; init; }
    public bool NoLoadBalance { get; init; }
    public bool CloneFrom { get; init; }
    public bool NoSync { get; init; }
    public string? ReplicateFrom { get; init; }

    /// <summary>Any other tag, kept as text so that <c>?tag_x=y</c> health checks work.</summary>
    public IReadOnlyDictionary<string, string> Custom { get; init; } = new Dictionary<string, string>();
}
