using Pgha.Core.Config;

namespace Pgha.Core.Tests.Config;

public sealed class ConfigSecretTests
{
    [Fact]
    public void A_duplicated_password_is_shown_masked()
    {
        string yaml = ConfigYaml.With("      password: s3cret-super", "      password: s3cret-super\n      password: s3cret-other");

        string error = Assert.Single(ConfigYaml.Load(yaml).ErrorLines);

        Assert.Equal("config /etc/pgha/n1.yaml: postgresql.authentication.superuser.password: \"***\" is set twice (lines 25 and 26); keep only one of them", error);
    }

    [Fact]
    public void No_message_or_record_text_contains_a_password()
    {
        string yaml = ConfigYaml.Valid
            .Replace("      password: s3cret-super", "      password: s3cret-super\n      password: s3cret-super2", StringComparison.Ordinal)
            .Replace("  hosts: 127.0.50.10:2379", "  hosts: 127.0.50.10:2379\n  password: s3cret-etcd\n  password: s3cret-etcd2", StringComparison.Ordinal)
            .Replace("  listen: 127.0.50.10:8008", "  listen: 127.0.50.10:8008\n  authentication:\n    password: s3cret-api\n    password: [s3cret-api2]", StringComparison.Ordinal);
        var environment = new Dictionary<string, string> { ["PGHA_REPLICATION_PASSWORD"] = "s3cret-env" };

        ConfigLoadResult result = ConfigYaml.Load(yaml, environment);

        Assert.Equal(3, result.Errors.Count);
        IEnumerable<string> texts = result.ErrorLines.Concat(result.Warnings).Concat(result.Errors.Select(e => e.ToString()));
        Assert.All(texts, text => Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal));
    }

    [Fact]
    public void An_environment_password_error_is_masked()
    {
        var error = new ConfigError("PATRONI_ETCD3_PASSWORD", "hunter2", "is odd", "fix it");

        Assert.Equal("config f: PATRONI_ETCD3_PASSWORD: \"***\" is odd; fix it", error.Render("f"));
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }
}
