using System.CommandLine;
using Pgha.Cli;
using Pgha.Core.Planning;

namespace Pgha.IntegrationTests.Deploy;

/// <summary><c>pgha gen</c> on real files: modes, kept passwords, kept user edits, and nothing written for a bad inventory.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GenCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine("/tmp", $"pgha-test-deploy-gen-{Guid.NewGuid():N}");

    public GenCommandTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Inventory, ExampleInventory.Text);
    }

    private string Inventory => Path.Combine(_dir, "inventory.yaml");
    private string Out => Path.Combine(_dir, "out");

    [Fact]
    public void Gen_writes_secrets_0600_and_a_rerun_keeps_passwords_and_changes_nothing()
    {
        Assert.Equal(ExitCodes.Success, Run("gen", Inventory, "--out", Out).ExitCode);
        string agent = File.ReadAllText(Path.Combine(Out, "pgha1", "pgha.yaml"));

        (int exitCode, string output) = Run("gen", Inventory, "--out", Out);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("0 changed or kept", output);
        Assert.Equal(agent, File.ReadAllText(Path.Combine(Out, "pgha1", "pgha.yaml")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "pgha1", "pgha.yaml")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "secrets.env")));
        Assert.True(File.GetUnixFileMode(Path.Combine(Out, "deploy.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void A_file_the_user_changed_is_kept_unless_forced()
    {
        Run("gen", Inventory, "--out", Out);
        string etcd = Path.Combine(Out, "pgha2", "etcd.yaml");
        File.AppendAllText(etcd, "# my change\n");

        (_, string output) = Run("gen", Inventory, "--out", Out);
        Assert.Contains("kept", output);
        Assert.EndsWith("# my change\n", File.ReadAllText(etcd));

        (_, string forced) = Run("gen", Inventory, "--out", Out, "--force");
        Assert.Contains("overwritten", forced);
        Assert.DoesNotContain("# my change", File.ReadAllText(etcd));
    }

    [Fact]
    public void A_bad_inventory_reports_every_error_and_writes_nothing()
    {
        File.WriteAllText(Inventory, ExampleInventory.Text.Replace("192.168.50.11", "192.168.50.10").Replace("address: 192.168.50.14", "address: nope"));

        var error = Assert.Throws<PghaException>(() => Run("gen", Inventory, "--out", Out));

        Assert.Equal(ExitCodes.InvalidConfig, error.ExitCode);
        Assert.Contains("hosts[1].address", error.Message);
        Assert.Contains("hosts[4].address", error.Message);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Plan_refuses_a_layout_that_loses_quorum_on_one_host_loss()
    {
        Assert.Equal(ExitCodes.Failure, Run("plan", "--pg", "3", "--etcd", "2").ExitCode);
        (int exitCode, string output) = Run("plan", "--pg", "3", "--etcd", "3", "--colocated");
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("survives 1 host loss, not 2: add 2 etcd-only hosts", output);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        int exitCode = PghaRootCommand.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
        return (exitCode, output.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
