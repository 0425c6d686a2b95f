namespace Pgha.Core.Ctl;

/// <summary>POST /restart's body: when, and the conditions a member must meet (role, older version, pending restart).</summary>
public sealed record RestartRequest(DateTimeOffset? Schedule = null, string? Role = null, string? PostgresVersion = null, bool RestartPending = false, int? Timeout = null)
{
    /// <summary>Whether a member in this state should restart; Patroni's "restart conditions".</summary>
    public bool Applies(bool isPrimary, int serverVersion, bool pendingRestart)
    {
        if (Role is { } role && (role is "primary" or "master") != isPrimary)
        {
            return false;
        }
        if (PostgresVersion is { } wanted && VersionNumber(wanted) is int target && serverVersion >= target)
        {
            return false;
        }
        return !RestartPending || pendingRestart;
    }

    /// <summary>"15.4" → 150004, "9.6.2" → 90602, "15" → 150000; null when unreadable.</summary>
    public static int? VersionNumber(string text)
    {
        string[] parts = text.Trim().Split('.');
        if (parts.Length is 0 or > 3 || parts.Any(p => !int.TryParse(p, out int n) || n < 0))
        {
            return null;
        }
        int[] n = parts.Select(int.Parse).ToArray();
        return n[0] >= 10 ? n[0] * 10000 + (n.Length > 1 ? n[1] : 0) : n[0] * 10000 + (n.Length > 1 ? n[1] * 100 : 0) + (n.Length > 2 ? n[2] : 0);
    }
}
