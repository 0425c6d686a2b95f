namespace Pgha.Cli.Gen;

/// <summary>What <c>pgha gen</c> did to one file.</summary>
public enum FileChange
{
    Created,
    Updated,
    Unchanged,
    /// <summary>The user changed the file since pgha last wrote it; left alone without --force.</summary>
    KeptUserEdit,
    /// <summary>A user-changed file replaced because of --force.</summary>
    Overwritten,
}
