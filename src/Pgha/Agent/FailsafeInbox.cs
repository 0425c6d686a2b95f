using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// The last <c>POST /failsafe</c> this node accepted, handed from the REST API to the HA loop. The pure rules decide
/// what it means (a replica does not race for the leader key within ttl of accepting it).
/// </summary>
public sealed class FailsafeInbox(TimeProvider clock)
{
    private FailsafeContact? _last;

    public FailsafeContact? Last => Volatile.Read(ref _last);

    /// <summary>Stamps the contact with our own clock on receipt: later than the primary's round began, never earlier.</summary>
    public void Accept(string primary) => Volatile.Write(ref _last, new FailsafeContact(primary, clock.GetUtcNow()));
}
