using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pgha.Sandbox;

/// <summary>The pids the sandbox started, saved in <c>state.json</c> so that later commands can stop them.</summary>
public sealed record SandboxState
{
    public Dictionary<string, int> Etcd { get; init; } = [];
    public Dictionary<string, int> Agents { get; init; } = [];

    public static SandboxState Load(SandboxLayout layout) =>
        File.Exists(layout.StateFile)
            ? JsonSerializer.Deserialize(File.ReadAllText(layout.StateFile), SandboxJson.Default.SandboxState) ?? new SandboxState()
            : new SandboxState();

    public void Save(SandboxLayout layout)
    {
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.StateFile, JsonSerializer.Serialize(this, SandboxJson.Default.SandboxState));
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SandboxState))]
[JsonSerializable(typeof(SandboxSecrets))]
internal sealed partial class SandboxJson : JsonSerializerContext;
