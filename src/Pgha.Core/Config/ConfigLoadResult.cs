namespace Pgha.Core.Config;

/// <summary>
/// What <see cref="PghaConfigLoader.Load"/> found. <see cref="Config"/> is set only when <see cref="Errors"/>
/// is empty, so a caller can never run on a half-valid file.
/// </summary>
public sealed record ConfigLoadResult(
    string SourcePath,
    PghaConfig? Config,
    IReadOnlyList<ConfigError> Errors,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Each error as its one-line message, in the order found.</summary>
    public IReadOnlyList<string> ErrorLines => Errors.Select(e => e.Render(SourcePath)).ToList();
}
