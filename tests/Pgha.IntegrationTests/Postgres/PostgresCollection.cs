namespace Pgha.IntegrationTests.Postgres;

/// <summary>The PostgreSQL tests share 127.0.62.x:5432, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresCollection
{
    public const string Name = "postgres on 127.0.62.x";
}
