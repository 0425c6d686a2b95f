namespace Pgha.Core.Ctl;

/// <summary>How <c>list</c> and <c>topology</c> render: <c>-e</c> adds every optional column, topology nests replicas.</summary>
public sealed record ListOptions(bool Extended = false, bool Topology = false, OutputFormat Format = OutputFormat.Pretty);
