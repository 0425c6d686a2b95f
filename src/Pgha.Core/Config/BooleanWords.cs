namespace Pgha.Core.Config;

/// <summary>The YAML 1.1 boolean words Patroni's configs use (<c>on</c>, <c>yes</c>, <c>true</c> and their opposites).</summary>
internal static class BooleanWords
{
    public static bool? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => null,
    };
}
