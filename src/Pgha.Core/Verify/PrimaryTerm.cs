namespace Pgha.Core.Verify;

/// <summary>A primary's reign: one server on one timeline.</summary>
public sealed record PrimaryTerm(string Server, int Timeline)
{
    public override string ToString() => $"{Server} (timeline {Timeline})";
}
