using System.Diagnostics;
using Pgha.Core.Generation;
using Pgha.Core.Planning;

namespace Pgha.IntegrationTests.Deploy;

/// <summary>systemd-analyze verify accepts the generated units where it is installed (Core.Tests parse-checks them everywhere).</summary>
public sealed class SystemdUnitVerifyTests : IDisposable
{
    private readonly string _dir = Path.Combine("/tmp", $"pgha-test-deploy-units-{Guid.NewGuid():N}");

    [Fact]
    public void Systemd_analyze_verify_accepts_the_generated_units()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            return; // Not installed here: GeneratedConfigTests parse-checks the units instead.
        }
        Inventory inventory = InventoryParser.Parse(ExampleInventory.Text, "example").Inventory!;
        Directory.CreateDirectory(_dir);
        // Point the units at binaries and an environment file that exist here, as verify checks them.
        var options = new GenerationOptions
        {
            Secrets = new DeploymentSecrets("a", "b", "c"),
            Paths = new PathLayout { ConfigDir = _dir },
            PghaBinary = Environment.ProcessPath!,
            ServiceUser = "root",
        };
        File.WriteAllText(Path.Combine(_dir, "etcd.env"), "");
        foreach (GeneratedFile unit in DeploymentGenerator.Generate(inventory, options).Where(f => f.Host == "pgha1" && f.RelativePath.EndsWith(".service", StringComparison.Ordinal)))
        {
            File.WriteAllText(Path.Combine(_dir, unit.RelativePath), unit.Content);
        }

        var info = new ProcessStartInfo("/usr/bin/systemd-analyze") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { "verify", "--man=no", Path.Combine(_dir, "etcd.service"), Path.Combine(_dir, "pgha.service") })
        {
            info.ArgumentList.Add(arg);
        }
        using Process verify = Process.Start(info)!;
        string errors = verify.StandardError.ReadToEnd() + verify.StandardOutput.ReadToEnd();
        Assert.True(verify.WaitForExit(60_000), "systemd-analyze verify did not finish");
        var relevant = errors.Split('\n').Where(l => l.Contains(_dir, StringComparison.Ordinal) && !l.Contains("not loaded", StringComparison.Ordinal)).ToList();
        Assert.True(relevant.Count == 0, string.Join("\n", relevant));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
