namespace Pgha.Cli.Gen;

/// <summary>One file's path under the output folder and what happened to it.</summary>
public sealed record FileOutcome(string Path, FileChange Change);
