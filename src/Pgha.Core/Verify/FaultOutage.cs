namespace Pgha.Core.Verify;

/// <summary>
/// The write outage one fault caused: the longest stretch without any acknowledgement, measured from the fault's
/// start until the next fault or the end of the run, the stretch after the last acknowledgement included.
/// <see cref="Recovered"/> is false when writes did not resume, or resumed and stopped again until the window's end;
/// then <see cref="Outage"/> runs to the end of the window.
/// </summary>
public sealed record FaultOutage(FaultEvent Fault, TimeSpan Outage, bool Recovered);
