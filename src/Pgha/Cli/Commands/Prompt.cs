namespace Pgha.Cli.Commands;

/// <summary>patronictl's interactive prompts: <c>Question [default]: </c> and <c>Question [y/N]: </c>, read from stdin.</summary>
public sealed class Prompt(TextWriter output, TextReader input)
{
    public static Prompt Console(TextWriter output) => new(output, System.Console.In);

    public string Ask(string question, string? defaultValue = null)
    {
        output.Write(defaultValue is null ? $"{question}: " : $"{question} [{defaultValue}]: ");
        output.Flush();
        string? line = input.ReadLine() ?? throw new PghaException($"{question}: no answer on stdin; pass the value as an option and --force", ExitCodes.Failure);
        return line.Trim() is { Length: > 0 } answer ? answer : defaultValue ?? "";
    }

    /// <summary>False unless the answer is y or yes; patronictl's default is No.</summary>
    public bool Confirm(string question)
    {
        output.Write($"{question} [y/N]: ");
        output.Flush();
        string answer = (input.ReadLine() ?? "").Trim();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }
}
