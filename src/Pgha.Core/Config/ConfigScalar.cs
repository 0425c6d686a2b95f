namespace Pgha.Core.Config;

/// <summary>One setting's text and where it came from: a YAML key path or an environment variable's name.</summary>
internal sealed record ConfigScalar(string Text, string Where);
