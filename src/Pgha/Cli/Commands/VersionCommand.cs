using System.CommandLine;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha version</c>: prints the version as patronictl does.</summary>
public sealed class VersionCommand : Command
{
    public const string PghaVersion = "0.1.0";

    public VersionCommand() : base("version", "Print the pgha version")
    {
        SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine($"pgha version {PghaVersion}");
            return ExitCodes.Success;
        });
    }
}
