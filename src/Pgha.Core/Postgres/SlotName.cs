using System.Globalization;
using System.Text;

namespace Pgha.Core.Postgres;

/// <summary>Physical replication slot names for members, with Patroni's rules so slots survive a switch between the two.</summary>
public static class SlotName
{
    private const int MaxLength = 63;

    /// <summary>Lower-case; '-' and '.' become '_'; any other character outside [a-z0-9_] becomes 'u' and its 4-digit code point.</summary>
    public static string ForMember(string memberName)
    {
        var slot = new StringBuilder(memberName.Length);
        foreach (char c in memberName.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                slot.Append(c);
            }
            else if (c is '-' or '.')
            {
                slot.Append('_');
            }
            else
            {
                slot.Append('u').Append(((int)c).ToString("D4", CultureInfo.InvariantCulture));
            }
        }
        return slot.Length > MaxLength ? slot.ToString(0, MaxLength) : slot.ToString();
    }
}
