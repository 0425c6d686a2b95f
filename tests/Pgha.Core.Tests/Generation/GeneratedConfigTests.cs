using Pgha.Core.Generation;
using Pgha.Core.Planning;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Tests.Generation;

public sealed class GeneratedConfigTests
{
    [Fact]
    public void Agent_config_keeps_on_values_as_strings_and_matches_the_tutorial_fields()
    {
        YamlMappingNode root = Load(File("pgha2/pgha.yaml"));

        Assert.Equal("pgha", Scalar(root, "namespace"));
        Assert.Equal("pgha_patroni_cluster", Scalar(root, "scope"));
        Assert.Equal("pgha2:8008", Scalar(root, "restapi", "connect_address"));
        Assert.Equal("pgha1:2379,pgha2:2379,pgha3:2379,pgha4:2379,pgha5:2379", Scalar(root, "etcd3", "hosts"));
        var hotStandby = (YamlScalarNode)Node(root, "bootstrap", "dcs", "postgresql", "parameters", "hot_standby");
        Assert.Equal("on", hotStandby.Value);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, hotStandby.Style);
        Assert.Equal("/pgdata/17/data", Scalar(root, "postgresql", "data_dir"));
        Assert.Equal("test-superuser-pw", Scalar(root, "postgresql", "authentication", "superuser", "password"));
    }

    [Fact]
    public void Agent_config_never_uses_trust_md5_or_the_default_postgres_password()
    {
        string yaml = File("pgha1/pgha.yaml");

        Assert.DoesNotContain(" trust", yaml);
        Assert.DoesNotContain(" md5", yaml);
        Assert.DoesNotContain("password: postgres", yaml);
        Assert.Contains("password_encryption: scram-sha-256", yaml);
    }

    [Fact]
    public void Agent_config_names_no_post_bootstrap_and_no_role_script_is_generated()
    {
        YamlMappingNode bootstrap = (YamlMappingNode)Node(Load(File("pgha1/pgha.yaml")), "bootstrap");

        Assert.DoesNotContain(bootstrap.Children.Keys, k => ((YamlScalarNode)k).Value is "post_bootstrap" or "post_init");
        Assert.DoesNotContain(TutorialDeployment.Files(), f => f.RelativePath.EndsWith(".sh", StringComparison.Ordinal) && f.Host != "");
    }

    [Fact]
    public void Secret_files_are_marked_secret()
    {
        var secret = TutorialDeployment.Files().Where(f => f.IsSecret).Select(f => f.RelativePath).Distinct().Order();

        Assert.Equal(["pgha.yaml", "pgpass.postgres", "secrets.env"], secret);
    }

    [Fact]
    public void Etcd_aliases_name_members_etcd1_to_etcd5_as_the_tutorial_e_option()
    {
        Inventory inventory = TutorialDeployment.Inventory;
        GenerationOptions options = TutorialDeployment.Options(inventory) with { EtcdNames = EtcdNaming.Alias };

        string yaml = DeploymentGenerator.EtcdYaml(inventory, "pgha1", options);

        Assert.Contains("name: etcd1\n", yaml);
        Assert.Contains("initial-cluster: \"etcd1=http://192.168.50.10:2380,etcd2=http://192.168.50.11:2380,etcd3=http://192.168.50.12:2380,etcd4=http://192.168.50.13:2380,etcd5=http://192.168.50.14:2380\"", yaml);
    }

    [Fact]
    public void One_machine_layout_binds_each_host_address_and_resolves_host_paths()
    {
        Inventory inventory = InventoryFromCounts.Build(3, 5, colocated: true);
        inventory = inventory with { Hosts = inventory.Hosts.Select((h, i) => h with { Address = $"127.0.50.{10 + i}" }).ToList() };
        var options = new GenerationOptions
        {
            Secrets = TutorialDeployment.Secrets,
            ListenOnAllInterfaces = false,
            ConnectByHostName = false,
            Paths = new PathLayout { ConfigDir = "/tmp/sb/{host}/config", DataDir = "/tmp/sb/{host}/data", SocketDir = "/tmp/sb/{host}/run" },
            Timing = new TimingProfile(10, 2, 3),
        };

        YamlMappingNode agent = Load(DeploymentGenerator.AgentYaml(inventory, "pgha2", options));
        string etcd = DeploymentGenerator.EtcdYaml(inventory, "pgha4", options);

        Assert.Equal("127.0.50.11:8008", Scalar(agent, "restapi", "listen"));
        Assert.Equal("127.0.50.11:5432", Scalar(agent, "postgresql", "listen"));
        Assert.Equal("/tmp/sb/pgha2/data", Scalar(agent, "postgresql", "data_dir"));
        Assert.Equal("/tmp/sb/pgha2/run", Scalar(agent, "postgresql", "parameters", "unix_socket_directories"));
        Assert.Equal("10", Scalar(agent, "bootstrap", "dcs", "ttl"));
        Assert.Equal("127.0.50.10:2379,127.0.50.11:2379,127.0.50.12:2379,127.0.50.13:2379,127.0.50.14:2379", Scalar(agent, "etcd3", "hosts"));
        Assert.Contains("listen-client-urls: \"http://127.0.50.13:2379\"\n", etcd);
        Assert.DoesNotContain("localhost", etcd);
        Assert.DoesNotContain("bin_dir", DeploymentGenerator.AgentYaml(inventory, "pgha2", options));
    }

    [Fact]
    public void Compose_file_parses_and_has_no_address_or_host_port_clash()
    {
        YamlMappingNode compose = Load(File("docker-compose.yml"));
        var services = (YamlMappingNode)Node(compose, "services");
        var addresses = new List<string>();
        var ports = new List<string>();
        foreach ((YamlNode _, YamlNode service) in services.Children)
        {
            var s = (YamlMappingNode)service;
            addresses.Add(Scalar(s, "networks", "pghanet", "ipv4_address"));
            if (s.Children.TryGetValue(new YamlScalarNode("ports"), out YamlNode? list))
            {
                ports.AddRange(((YamlSequenceNode)list).Children.Select(p => ((YamlScalarNode)p).Value!.Split(':')[0]));
            }
        }

        Assert.Equal(5, addresses.Count);
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(addresses, a => Assert.StartsWith("192.168.50.", a));
    }

    [Fact]
    public void Systemd_units_parse_into_known_sections_with_key_value_lines()
    {
        foreach (GeneratedFile unit in TutorialDeployment.Files().Where(f => f.RelativePath.EndsWith(".service", StringComparison.Ordinal)))
        {
            string section = "";
            var seen = new HashSet<string>();
            foreach (string line in unit.Content.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                if (line.StartsWith('['))
                {
                    section = line;
                    Assert.Contains(section, new[] { "[Unit]", "[Service]", "[Install]" });
                    continue;
                }
                Assert.NotEqual("", section);
                Assert.Matches("^[A-Za-z]+=.+$", line);
                seen.Add($"{section}{line.Split('=')[0]}");
            }
            Assert.Contains("[Service]ExecStart", seen);
            Assert.Contains("[Install]WantedBy", seen);
        }
    }

    private static string File(string outputPath) => TutorialDeployment.Files().Single(f => f.OutputPath == outputPath).Content;

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode Node(YamlMappingNode root, params string[] path)
    {
        YamlNode node = root;
        foreach (string key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }
        return node;
    }

    private static string Scalar(YamlMappingNode root, params string[] path) => ((YamlScalarNode)Node(root, path)).Value!;
}
