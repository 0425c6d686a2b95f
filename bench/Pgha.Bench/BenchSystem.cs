namespace Pgha.Bench;

/// <summary>The HA agent under measurement.</summary>
public enum BenchSystem
{
    Pgha,
    Patroni,
}
