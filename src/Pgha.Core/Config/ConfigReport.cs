namespace Pgha.Core.Config;

/// <summary>Collects every error and warning of one load, so that all are reported at once.</summary>
internal sealed class ConfigReport(IReadOnlyDictionary<string, ConfigScalar> overrides)
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<(string KeyPath, string Message)> _warnings = [];

    /// <summary>Environment values by the YAML key path they replace.</summary>
    public IReadOnlyDictionary<string, ConfigScalar> Overrides { get; } = overrides;

    public IReadOnlyList<ConfigError> Errors => _errors;

    public int ErrorCount => _errors.Count;

    public void Error(string keyPath, string? value, string problem, string fix) =>
        _errors.Add(new ConfigError(keyPath, value, problem, fix));

    public void Add(IEnumerable<ConfigError> errors) => _errors.AddRange(errors);

    public void Warn(string keyPath, string message) => _warnings.Add((keyPath, message));

    public IReadOnlyList<string> RenderWarnings(string sourcePath) =>
        _warnings.Select(w => $"config {sourcePath}: {w.KeyPath}: {w.Message}").ToList();
}
