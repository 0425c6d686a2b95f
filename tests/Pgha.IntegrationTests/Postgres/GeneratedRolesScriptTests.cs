using Pgha.Core.Config;
using Pgha.Core.Generation;
using Pgha.Postgres;

namespace Pgha.IntegrationTests.Postgres;

public sealed class GeneratedRolesScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pgha-test-roles-script-").FullName;
    private readonly DeploymentSecrets _secrets = new("su-pass", "rep-pass", "rewind-pass");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_generated_script_beside_this_configs_own_passwords_counts_as_applied_by_the_role_setup()
    {
        string script = Write(CreateRolesRenderer.Render("demo"), SecretsRenderer.RenderEnvironment(_secrets, "demo"));

        Assert.True(GeneratedRolesScript.IsAlreadyApplied(Config(_secrets), script));
    }

    [Fact]
    public void An_edited_generated_script_runs()
    {
        string script = Write(CreateRolesRenderer.Render("demo") + "psql -c 'CREATE TABLE mine (id int)'\n", SecretsRenderer.RenderEnvironment(_secrets, "demo"));

        Assert.False(GeneratedRolesScript.IsAlreadyApplied(Config(_secrets), script));
    }

    [Fact]
    public void The_generated_script_runs_when_its_secrets_hold_other_passwords_than_the_config()
    {
        string script = Write(CreateRolesRenderer.Render("demo"), SecretsRenderer.RenderEnvironment(_secrets with { RewindPassword = "other" }, "demo"));

        Assert.False(GeneratedRolesScript.IsAlreadyApplied(Config(_secrets), script));
    }

    [Fact]
    public void The_generated_script_runs_when_called_with_arguments_or_without_its_secrets_file()
    {
        string script = Write(CreateRolesRenderer.Render("demo"), secrets: null);

        Assert.False(GeneratedRolesScript.IsAlreadyApplied(Config(_secrets), script));
        Assert.False(GeneratedRolesScript.IsAlreadyApplied(Config(_secrets), script + " --verbose"));
    }

    private string Write(string script, string? secrets)
    {
        string path = Path.Combine(_dir, "create-roles.sh");
        File.WriteAllText(path, script);
        if (secrets is not null)
        {
            File.WriteAllText(Path.Combine(_dir, "secrets.env"), secrets);
        }
        return path;
    }

    private static PghaConfig Config(DeploymentSecrets secrets) => new()
    {
        Scope = "demo",
        Name = "n1",
        RestApi = new RestApiConfig { Listen = "127.0.97.1:8008", ConnectAddress = "127.0.97.1:8008" },
        Etcd3 = new Etcd3Config { Hosts = ["127.0.97.250:2379"] },
        Postgresql = new PostgresqlConfig
        {
            Listen = "127.0.97.1:5432",
            ConnectAddress = "127.0.97.1:5432",
            DataDir = "/tmp/unused",
            Superuser = new Credentials(DeploymentSecrets.SuperuserName, secrets.SuperuserPassword),
            Replication = new Credentials(DeploymentSecrets.ReplicationName, secrets.ReplicationPassword),
            Rewind = new Credentials(DeploymentSecrets.RewindName, secrets.RewindPassword),
        },
    };
}
