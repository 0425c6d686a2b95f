namespace Pgha.Postgres;

/// <summary>
/// Tells when a primary under a fast shutdown has written its last WAL and every standby streaming from it has
/// confirmed all of it, which is before the postmaster exits: the shutdown checkpoint is the last record, its end
/// marks pg_control "shut down", and only then are the walsenders told to send the rest; each exits once its standby
/// reports that it flushed everything sent. What follows (the checkpointer's exit, the postmaster's last log line and
/// its exit) changes nothing a successor needs, so a switchover can hand the leader key over here.
/// </summary>
/// <remarks>
/// pg_control's state (<see cref="ControlFile.ReadState"/>) goes, in a shutdown, from "in production" through
/// "shutting down" (set as the shutdown checkpoint starts) to "shut down" (set once its record is flushed). Once
/// "shutting down" shows, the postmaster accepts no connection, so the walsenders seen then are all there will be.
/// </remarks>
internal static class ShutdownHandover
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Returns, saying by whom, once the last WAL is written and confirmed by the walsender <paramref name="candidate"/>
    /// if it still streams at the shutdown, else by every walsender then; runs until cancelled otherwise (the
    /// postmaster's exit). Only the candidate's copy must be complete before it promotes: the other standbys keep
    /// receiving the rest, since the postmaster waits for each walsender's confirmation before it exits.
    /// </summary>
    public static async Task<string> WaitAsync(string dataDir, int postmaster, int? candidate, CancellationToken ct)
    {
        while (ControlFile.ReadState(dataDir) is not (ControlFile.ShuttingDown or ControlFile.ShutDown))
        {
            await Task.Delay(s_interval, ct);
        }
        IReadOnlyList<int> walsenders = PostmasterProcess.ChildrenOfKind(postmaster, "walsender");
        // A candidate whose walsender is not among them reconnected since it was looked up (or never streamed): its
        // new walsender cannot be told from the others, so all of them are waited for.
        bool alone = candidate is int c && walsenders.Contains(c);
        IReadOnlyList<int> awaited = alone ? [candidate!.Value] : walsenders;
        while (ControlFile.ReadState(dataDir) != ControlFile.ShutDown || awaited.Any(w => PostmasterProcess.IsChildOf(w, postmaster)))
        {
            await Task.Delay(s_interval, ct);
        }
        return alone ? $"the candidate's standby (walsender pid {candidate})" : "every streaming standby";
    }
}
