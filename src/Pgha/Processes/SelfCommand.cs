namespace Pgha.Processes;

/// <summary>How to run this very pgha again as a child: the native binary, or <c>dotnet pgha.dll</c>.</summary>
public static class SelfCommand
{
    public static (string Executable, List<string> Arguments) Get()
    {
        string process = Environment.ProcessPath ?? "pgha";
        string dll = typeof(SelfCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && dll.Length > 0
            ? (process, [dll])
            : (process, []);
    }
}
