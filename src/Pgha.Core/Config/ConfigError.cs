namespace Pgha.Core.Config;

/// <summary>
/// One problem in a config source: where (<paramref name="KeyPath"/>, or the environment variable's name),
/// the offending value, what is wrong and how to fix it. Values under password keys never leave this type.
/// </summary>
public sealed record ConfigError(string KeyPath, string? Value, string Problem, string Fix)
{
    private const string Mask = "***";

    /// <summary>True when the value is a secret and must be shown as <c>***</c>.</summary>
    public bool IsSecret => KeyPath.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as it may appear in messages: masked for secrets, control characters escaped.</summary>
    public string? ShownValue => Value is null ? null : IsSecret ? Mask : Value.Replace("\n", "\\n").Replace("\r", "\\r");

    /// <summary><c>config &lt;file&gt;: &lt;key.path&gt;: "&lt;value&gt;" &lt;problem&gt;; &lt;fix&gt;</c></summary>
    public string Render(string sourcePath) => $"config {sourcePath}: {ToString()}";

    /// <summary>The message without the file; overridden so that a logged record never shows a secret.</summary>
    public override string ToString() =>
        ShownValue is null ? $"{KeyPath}: {Problem}; {Fix}" : $"{KeyPath}: \"{ShownValue}\" {Problem}; {Fix}";
}
