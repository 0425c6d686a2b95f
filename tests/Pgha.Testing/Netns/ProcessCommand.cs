namespace Pgha.Testing.Netns;

/// <summary>A program and its arguments, as a launcher rewrote them to run on a particular host.</summary>
public sealed record ProcessCommand(string FileName, IReadOnlyList<string> Args);
