using System.Globalization;
using System.Text;

namespace Pgha.Testing.Netns;

/// <summary>The nft ruleset of one cut: drop TCP (or all) traffic with some addresses, both ways, in one namespace.</summary>
public static class NftCut
{
    public static string Rules(string table, IReadOnlyList<string> addresses, IReadOnlyList<int>? ports)
    {
        string portSet = ports is null ? "" : "{ " + string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture))) + " }";
        // Both the server side (dport) and the client side (sport) of a connection on the port are dropped.
        string[] matches = ports is null ? [""] : [$" tcp dport {portSet}", $" tcp sport {portSet}"];
        var text = new StringBuilder();
        text.Append($"table inet {table} {{\n");
        text.Append("  chain input { type filter hook input priority 0; policy accept; }\n");
        text.Append("  chain output { type filter hook output priority 0; policy accept; }\n}\n");
        foreach (string address in addresses)
        {
            foreach (string match in matches)
            {
                text.Append($"add rule inet {table} input ip saddr {address}{match} drop\n");
                text.Append($"add rule inet {table} output ip daddr {address}{match} drop\n");
            }
        }
        return text.ToString();
    }
}
