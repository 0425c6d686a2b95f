namespace Pgha.Core.Config;

/// <summary>A user name and password from <c>postgresql.authentication</c>. Never logged.</summary>
public sealed record Credentials(string Username, string? Password)
{
    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"Credentials {{ Username = {Username}, Password = *** }}";
}
