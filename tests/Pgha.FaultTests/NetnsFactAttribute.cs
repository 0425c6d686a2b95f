using Pgha.Testing.Netns;

namespace Pgha.FaultTests;

/// <summary>A fact that is skipped, with the reason, where network namespaces cannot be created (not root, no nft).</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_unavailable = new(() => NetnsSweep.UnavailableReasonAsync().GetAwaiter().GetResult());

    public NetnsFactAttribute()
    {
        // An explicit Skip = "..." on the test is set after this constructor and wins.
        if (s_unavailable.Value is string reason)
        {
            Skip = reason;
        }
    }
}
