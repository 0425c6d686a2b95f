using System.CommandLine;
using Pgha.Core.Ctl;

namespace Pgha.Cli.Commands;

/// <summary>patronictl's <c>-f/--format</c>: pretty, tsv, json or yaml.</summary>
public static class FormatOption
{
    public static Option<string> Create() => new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "pretty" }
        .AcceptOnlyFromAmong("pretty", "tsv", "json", "yaml");

    public static OutputFormat Parse(string text) => text switch
    {
        "tsv" => OutputFormat.Tsv,
        "json" => OutputFormat.Json,
        "yaml" => OutputFormat.Yaml,
        _ => OutputFormat.Pretty,
    };
}
