namespace Pgha.Core.Generation;

/// <summary>
/// The cluster's passwords. Generation is pure, so they are passed in: the CLI makes them with a
/// CSPRNG once and keeps them in secrets.env; tests pass fixed ones. Never logged.
/// </summary>
public sealed record DeploymentSecrets(string SuperuserPassword, string ReplicationPassword, string RewindPassword)
{
    public const string SuperuserName = "postgres";
    public const string ReplicationName = "replicator";
    public const string RewindName = "rewind_user";

    public override string ToString() => "DeploymentSecrets { *** }";
}
