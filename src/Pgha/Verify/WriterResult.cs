using Pgha.Core.Verify;

namespace Pgha.Verify;

/// <summary>What one writer saw: the acknowledged writes, the unknown ones (COMMIT sent, no answer), and errors.</summary>
public sealed record WriterResult(IReadOnlyList<AckedWrite> Acked, IReadOnlyList<long> Unknown, int Errors, string? LastError);
