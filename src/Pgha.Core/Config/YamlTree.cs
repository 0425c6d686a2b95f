using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Config;

/// <summary>The first YAML document of a file (null when empty or unreadable) and the problems found building it.</summary>
internal sealed record YamlTree(YamlNode? Root, IReadOnlyList<ConfigError> Errors);
