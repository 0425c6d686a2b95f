using System.CommandLine;
using Pgha.Cli;

namespace Pgha;

public static class Program
{
    public static int Main(string[] args)
    {
        bool debug = args.Contains("--debug");
        try
        {
            RootCommand root = PghaRootCommand.Build();
            // Our own handlers below print PghaException as one line; System.CommandLine's would print a stack trace.
            return root.Parse(PghaRootCommand.Normalize(args)).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (PghaException e)
        {
            Console.Error.WriteLine($"pgha: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(debug ? $"pgha: internal error: {e}" : $"pgha: internal error: {e.Message} (run with --debug for the stack trace)");
            return ExitCodes.InternalError;
        }
    }
}
