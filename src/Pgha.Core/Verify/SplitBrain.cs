namespace Pgha.Core.Verify;

/// <summary>
/// Evidence of two primaries accepting writes at once: term <see cref="First"/> committed <see cref="Before"/>, then
/// term <see cref="Second"/> committed <see cref="Between"/>, then <see cref="First"/> committed <see cref="After"/>,
/// each strictly after the previous one (see <see cref="VerifyAnalysis"/>).
/// </summary>
public sealed record SplitBrain(PrimaryTerm First, PrimaryTerm Second, AckedWrite Before, AckedWrite Between, AckedWrite After);
