namespace Pgha.Core.Ha;

/// <summary>Names of the long actions, as Patroni shows them in its state and log.</summary>
public static class LongActionNames
{
    public const string Bootstrap = "bootstrap";
    public const string CreateReplica = "creating replica";
    public const string Rewind = "rewind";
}
