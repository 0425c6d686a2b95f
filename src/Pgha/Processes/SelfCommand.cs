namespace Pgha.Processes;

/// <summary>How to run this very pgha again as a child: the native binary, or <c>dotnet pgha.dll</c>.</summary>
public static class SelfCommand
{
    public static (string Executable, List<string> Arguments) Get()
    {
        string process = Environment.ProcessPath ?? "pgha";
        // Under `dotnet`, this app's pgha.dll sits in the base directory (Assembly.Location is empty in a native binary).
        string dll = Path.Combine(AppContext.BaseDirectory, typeof(SelfCommand).Assembly.GetName().Name + ".dll");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && File.Exists(dll)
            ? (process, [dll])
            : (process, []);
    }
}
