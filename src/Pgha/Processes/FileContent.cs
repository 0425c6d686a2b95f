namespace Pgha.Processes;

/// <summary>One file for <see cref="AtomicFile.WriteAll"/>: where, what, and the mode it is created with.</summary>
public sealed record FileContent(string Path, string Text, UnixFileMode Mode);
