using Pgha.Core.Config;
using Pgha.Core.Generation;
using Pgha.Core.Postgres;

namespace Pgha.Postgres;

/// <summary>
/// Recognises the post_bootstrap script <c>pgha gen</c> writes (create-roles.sh) when running it would change nothing:
/// it creates the replication and rewind roles with the passwords of the secrets.env beside it, which is exactly what
/// <see cref="RoleSetup"/> has just done when that file holds this config's very users and passwords. Skipping it saves
/// a shell and a psql before the leader key is taken (0.1-1 s on a busy host). Any other command, an edited script or
/// other passwords in secrets.env run as configured.
/// </summary>
internal static class GeneratedRolesScript
{
    public static bool IsAlreadyApplied(PghaConfig config, string command)
    {
        PostgresqlConfig pg = config.Postgresql;
        if (pg.Rewind is not { } rewind || !Path.IsPathFullyQualified(command)
            || pg.Superuser.Username != DeploymentSecrets.SuperuserName || pg.Replication.Username != DeploymentSecrets.ReplicationName
            || rewind.Username != DeploymentSecrets.RewindName)
        {
            return false;
        }
        // RoleSetup sends a SCRAM secret it computed; the script has the server compute one. Same result only for these.
        if (pg.Superuser.Password is not { } su || pg.Replication.Password is not { } replication || rewind.Password is not { } rewindPassword
            || !ScramVerifier.Supports(replication) || !ScramVerifier.Supports(rewindPassword))
        {
            return false;
        }
        string secrets = SecretsRenderer.RenderEnvironment(new DeploymentSecrets(su, replication, rewindPassword), config.Scope);
        return HasContent(command, CreateRolesRenderer.Render(config.Scope))
            && HasContent(Path.Combine(Path.GetDirectoryName(command)!, "secrets.env"), secrets);
    }

    private static bool HasContent(string path, string expected)
    {
        try
        {
            return File.ReadAllText(path) == expected;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable here: the script runs as configured and reports its own trouble.
            return false;
        }
    }
}
