namespace Pgha.Core.Ctl;

/// <summary>
/// Why a request is refused: Patroni's HTTP status and message (what the REST API answers, what the real patronictl
/// expects) and a one-line detail for people (what pgha's CLI prints).
/// </summary>
public sealed record Refusal(int Status, string Message, string Detail);
