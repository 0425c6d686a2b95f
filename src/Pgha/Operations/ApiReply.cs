namespace Pgha.Operations;

/// <summary>A member's REST answer: the HTTP status (0 when unreachable) and the body text.</summary>
public sealed record ApiReply(int Status, string Text)
{
    public bool Reachable => Status != 0;
}
