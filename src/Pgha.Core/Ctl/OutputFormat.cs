namespace Pgha.Core.Ctl;

/// <summary>patronictl's <c>-f/--format</c> values.</summary>
public enum OutputFormat
{
    Pretty,
    Tsv,
    Json,
    Yaml,
}
