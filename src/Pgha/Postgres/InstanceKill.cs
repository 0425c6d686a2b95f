using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// The last resort against a primary that will not stop: SIGKILL of the postmaster and of every process it started.
/// A SIGSTOPped or wedged postmaster handles neither pg_ctl's SIGINT nor SIGQUIT, while its backends keep serving the
/// clients already connected, commits included. Killing only the postmaster would leave those backends running until
/// they notice its death, so each child is killed by pid as well; then no client can write there any more.
/// </summary>
public static class InstanceKill
{
    /// <summary>Kills the postmaster <paramref name="postmaster"/> and its children; returns how many children it found.</summary>
    public static int Kill(int postmaster)
    {
        // Children first read, then killed after the postmaster: a live postmaster would fork replacements for them.
        IReadOnlyList<int> children = PostmasterProcess.ChildPids(postmaster);
        Signals.Send(postmaster, Signals.SigKill);
        foreach (int child in children)
        {
            Signals.Send(child, Signals.SigKill);
        }
        // A stopped process dies from SIGKILL too, but a SIGCONT makes sure nothing is left suspended in between.
        Signals.Send(postmaster, Signals.SigCont);
        return children.Count;
    }
}
