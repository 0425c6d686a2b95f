namespace Pgha.Core.Planning;

/// <summary>The commented inventory that <c>pgha init</c> writes: the tutorial's five hosts.</summary>
public static class ExampleInventory
{
    public const string Text = """
        # pgha inventory: the tutorial's five hosts. Check it with `pgha plan <file>`,
        # then write every config with `pgha gen <file> --out deploy`.

        cluster:
          scope: pgha_patroni_cluster    # Patroni's scope: the cluster's name
          namespace: pgha                # etcd key prefix (/pgha/pgha_patroni_cluster/...)
          stanza: pgha                   # pgBackRest stanza (default: the namespace)
          etcd_token: pgha-token         # etcd initial-cluster-token (default: <namespace>-token)

        # Every machine. failure_domain (rack, zone, site) is optional: hosts without one are
        # each their own domain, and `pgha plan` warns when one domain holds too many etcd members.
        hosts:
          - name: pgha1
            address: 192.168.50.10
          - name: pgha2
            address: 192.168.50.11
          - name: pgha3
            address: 192.168.50.12
          - name: pgha4
            address: 192.168.50.13
          - name: pgha5
            address: 192.168.50.14

        # Who runs what. Five etcd members (N = 2F + 1 with F = 2) survive two host losses, as
        # three PostgreSQL nodes do; etcd on the three database hosts alone would survive only one.
        roles:
          postgres: [pgha1, pgha2, pgha3]
          etcd: [pgha1, pgha2, pgha3, pgha4, pgha5]
          backup_repository: pgha5       # reached as pgbackrest1; never a PostgreSQL host

        # Optional; each path may contain {host}. These are the tutorial's (PostgreSQL 17 on Rocky 9);
        # leave bin_dir out to let the agent find PostgreSQL itself.
        paths:
          config_dir: /pgha/config
          data_dir: /pgdata/17/data
          log_dir: /var/log/patroni
          etcd_data_dir: /pgha/data/etcd
          socket_dir: /var/run/postgresql
          repository_dir: /pgha/data/pgbackrest
          bin_dir: /usr/pgsql-17/bin/

        """;
}
