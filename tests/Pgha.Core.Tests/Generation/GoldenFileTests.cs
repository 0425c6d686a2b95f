using System.Runtime.CompilerServices;
using Pgha.Core.Generation;

namespace Pgha.Core.Tests.Generation;

/// <summary>
/// Every generated file of the tutorial deployment against Generation/Expected/. Rewrite them with
/// PGHA_UPDATE_GOLDEN=1 only after reading the diff.
/// </summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string> GeneratedPaths => new(TutorialDeployment.Files().Select(f => f.OutputPath));

    [Theory]
    [MemberData(nameof(GeneratedPaths))]
    public void Generated_file_matches_its_golden_file(string outputPath)
    {
        GeneratedFile file = TutorialDeployment.Files().Single(f => f.OutputPath == outputPath);
        string golden = Path.Combine(ExpectedDir(), "tutorial", outputPath);
        if (Environment.GetEnvironmentVariable("PGHA_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, file.Content);
        }

        Assert.True(File.Exists(golden), $"no golden file {golden}; run with PGHA_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(golden), file.Content);
    }

    [Fact]
    public void Every_golden_file_is_still_generated()
    {
        string root = Path.Combine(ExpectedDir(), "tutorial");
        var goldens = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p));

        Assert.Equal(goldens.Order(), TutorialDeployment.Files().Select(f => f.OutputPath).Order());
    }

    private static string ExpectedDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Expected");
}
