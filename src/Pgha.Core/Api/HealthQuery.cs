namespace Pgha.Core.Api;

/// <summary>The query parameters a health check understands: <c>lag</c> and <c>tag_&lt;key&gt;=&lt;value&gt;</c>.</summary>
public sealed record HealthQuery
{
    public static readonly HealthQuery None = new();

    private const string TagPrefix = "tag_";

    /// <summary>Largest replay lag in bytes a replica may have and still pass; null means no limit.</summary>
    public long? MaxLagBytes { get; init; }

    /// <summary>Every <c>tag_k=v</c> pair, with the prefix removed; each must match the node's tag.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>Reads decoded query pairs; the first value of a repeated key wins, as in Patroni.</summary>
    public static HealthQuery Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        long? lag = null;
        bool lagSeen = false;
        List<KeyValuePair<string, string>>? tags = null;
        foreach ((string key, string value) in pairs)
        {
            if (key == "lag" && !lagSeen)
            {
                lagSeen = true;
                lag = LagLimit.TryParseBytes(value, out long bytes) ? bytes : null;
            }
            else if (key.StartsWith(TagPrefix, StringComparison.Ordinal))
            {
                tags ??= [];
                string tag = key[TagPrefix.Length..];
                if (!tags.Exists(t => t.Key == tag))
                {
                    tags.Add(new(tag, value));
                }
            }
        }
        return lag is null && tags is null ? None : new HealthQuery { MaxLagBytes = lag, Tags = tags ?? [] };
    }
}
