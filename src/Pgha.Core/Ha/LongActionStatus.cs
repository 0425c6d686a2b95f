namespace Pgha.Core.Ha;

/// <summary>A long action (initdb, basebackup, rewind, restart) running beside the loop, or its outcome.</summary>
/// <param name="Name">Human name, as Patroni's: "bootstrap", "creating replica", "rewind", "restart".</param>
/// <param name="Running">True while it runs; false once finished (then <see cref="Failed"/> tells how).</param>
public sealed record LongActionStatus(string Name, bool Running, bool Failed, string? Error);
