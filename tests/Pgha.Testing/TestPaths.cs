namespace Pgha.Testing;

/// <summary>A fresh directory <c>/tmp/pgha-test-&lt;tag&gt;-&lt;random&gt;</c> for one test, removed on dispose.</summary>
public sealed class TestPaths : IDisposable
{
    public TestPaths(string tag)
    {
        Root = Path.Combine("/tmp", $"pgha-test-{tag}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A path under <see cref="Root"/>; directories are created when <paramref name="create"/> is true.</summary>
    public string Sub(string relative, bool create = false)
    {
        string path = Path.Combine(Root, relative);
        if (create)
        {
            Directory.CreateDirectory(path);
        }
        return path;
    }

    public void Dispose()
    {
        // PGHA_KEEP_TEST_DIRS=1 keeps logs and data directories for a post-mortem of a failed run.
        if (Environment.GetEnvironmentVariable("PGHA_KEEP_TEST_DIRS") == "1")
        {
            return;
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }
}
