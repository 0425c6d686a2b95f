namespace Pgha.Core.Config;

/// <summary>One entry of <c>bootstrap.initdb</c>: a flag (<see cref="Value"/> null) or <c>name: value</c>.</summary>
public sealed record InitdbOption(string Name, string? Value)
{
    /// <summary>The initdb argument: <c>--data-checksums</c> or <c>--encoding=UTF8</c>.</summary>
    public string ToArgument() => Value is null ? $"--{Name}" : $"--{Name}={Value}";
}
