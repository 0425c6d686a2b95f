namespace Pgha.Core.Verify;

/// <summary>
/// The write outage one fault caused: the longest stretch without any acknowledgement, measured from the fault's
/// start until the next fault or the end of the run. <see cref="Recovered"/> is false when no write was acknowledged
/// at all after the fault, in which case <see cref="Outage"/> runs to the end of the window.
/// </summary>
public sealed record FaultOutage(FaultEvent Fault, TimeSpan Outage, bool Recovered);
