namespace Pgha.Core.Ha;

/// <summary>A write of the <c>failsafe</c> key: the new JSON value, or null to delete the key.</summary>
public sealed record FailsafeKeyChange(string? Value);
