using Pgha.Core.Planning;

namespace Pgha.Core.Tests.Planning;

public sealed class InventoryParserTests
{
    private const string Valid = """
        cluster:
          scope: demo
          namespace: pgha
        hosts:
          - name: a
            address: 10.0.0.1
          - name: b
            address: 10.0.0.2
          - name: c
            address: 10.0.0.3
            failure_domain: rack2
        roles:
          postgres: [a, b]
          etcd: [a, b, c]
          backup_repository: c
        """;

    [Fact]
    public void The_example_inventory_parses_into_the_tutorial_five_hosts()
    {
        InventoryParseResult result = InventoryParser.Parse(ExampleInventory.Text, "example.yaml");

        Assert.Empty(result.Errors);
        Inventory inventory = result.Inventory!;
        Assert.Equal(["pgha1", "pgha2", "pgha3", "pgha4", "pgha5"], inventory.Hosts.Select(h => h.Name));
        Assert.Equal(3, inventory.PostgresHosts.Count);
        Assert.Equal(5, inventory.EtcdHosts.Count);
        Assert.Equal("pgha5", inventory.RepositoryHost!.Name);
        Assert.Equal("pgha-token", inventory.EtcdToken);
        Assert.Equal("/pgdata/17/data", inventory.Paths.DataDir);
    }

    [Fact]
    public void A_valid_inventory_gets_defaults_for_stanza_and_token()
    {
        Inventory inventory = InventoryParser.Parse(Valid, "i.yaml").Inventory!;

        Assert.Equal("pgha", inventory.Stanza);
        Assert.Equal("pgha-token", inventory.EtcdToken);
        Assert.Equal("rack2", inventory.Host("c").FailureDomain);
    }

    public static TheoryData<string, string, string, string> BadInventories => new()
    {
        { "duplicate name", Valid.Replace("name: b", "name: a"), "hosts[1].name", "give every host its own name" },
        { "duplicate address", Valid.Replace("10.0.0.2", "10.0.0.1"), "hosts[1].address", "give every host its own address" },
        { "role on unknown host", Valid.Replace("postgres: [a, b]", "postgres: [a, x]"), "roles.postgres", "host \"x\" is not under hosts" },
        { "missing scope", Valid.Replace("  scope: demo\n", ""), "cluster.scope", "is missing" },
        { "missing address", Valid.Replace("    address: 10.0.0.3\n", ""), "hosts[2].address", "is missing" },
        { "invalid address", Valid.Replace("10.0.0.3", "10.0.0.300"), "hosts[2].address", "is not an IP address" },
        { "missing roles", Valid[..Valid.IndexOf("roles:", StringComparison.Ordinal)], "roles", "is missing" },
        { "no etcd host", Valid.Replace("etcd: [a, b, c]", "etcd: []"), "roles.etcd", "lists no host" },
        { "unknown key", Valid.Replace("namespace: pgha", "namespace: pgha\n  scoep: x"), "cluster.scoep", "unknown key" },
        { "repository on a database host", Valid.Replace("backup_repository: c", "backup_repository: a"), "roles.backup_repository", "also runs PostgreSQL" },
        { "legacy short address", Valid.Replace("10.0.0.3", "10.0.3"), "hosts[2].address", "is not an IP address" },
        { "invalid host name", Valid.Replace("name: c", "name: c_1"), "hosts[2].name", "not a valid host name" },
        { "invalid yaml", "cluster: [unclosed", "i.yaml:", "invalid YAML" },
    };

    [Theory]
    [MemberData(nameof(BadInventories))]
    public void A_bad_inventory_names_the_key_and_the_fix(string because, string yaml, string key, string text)
    {
        InventoryParseResult result = InventoryParser.Parse(yaml, "i.yaml");

        Assert.Null(result.Inventory);
        Assert.True(result.Errors.Any(e => e.Key.StartsWith(key, StringComparison.Ordinal) && e.ToString().Contains(text)),
            $"{because}: expected {key} with '{text}', got: {string.Join(" | ", result.Errors)}");
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Fix)));
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        string yaml = Valid.Replace("name: b", "name: a").Replace("10.0.0.3", "nope").Replace("postgres: [a, b]", "postgres: [a, zz]");

        InventoryParseResult result = InventoryParser.Parse(yaml, "i.yaml");

        Assert.Contains(result.Errors, e => e.Key == "hosts[1].name");
        Assert.Contains(result.Errors, e => e.Key == "hosts[2].address");
        Assert.Contains(result.Errors, e => e.Key == "roles.postgres" && e.Problem.Contains("zz"));
    }
}
