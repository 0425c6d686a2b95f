namespace Pgha.Core.Config;

/// <summary>Reads one <c>postgresql.authentication.&lt;role&gt;</c> section.</summary>
internal static class CredentialsReader
{
    /// <summary>
    /// The user and password; null (with an error when <paramref name="required"/>) when incomplete.
    /// pgha never runs PostgreSQL users without passwords, unlike Patroni which allows it.
    /// </summary>
    public static Credentials? Read(ConfigSection authentication, string role, bool required, string exampleUser)
    {
        ConfigSection section = authentication.Section(role);
        string? username = section.Text("username");
        string? password = section.Text("password");
        section.Unsupported("sslmode", "sslkey", "sslpassword", "sslcert", "sslrootcert", "sslcrl", "sslcrldir",
            "gssencmode", "channel_binding");
        section.WarnUnknownKeys();
        if (!required && username is null && password is null && !section.Exists)
        {
            return null;
        }
        bool complete = true;
        if (string.IsNullOrWhiteSpace(username))
        {
            section.Report.Error(section.PathOf("username"), null, "is missing", $"set the {role} user's name such as {exampleUser}");
            complete = false;
        }
        if (string.IsNullOrEmpty(password))
        {
            section.Report.Error(section.PathOf("password"), null, "is missing", "set a password; `pgha gen` generates one");
            complete = false;
        }
        return complete ? new Credentials(username!.Trim(), password) : null;
    }
}
