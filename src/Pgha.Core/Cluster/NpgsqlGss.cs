namespace Pgha.Core.Cluster;

/// <summary>
/// The Npgsql connection-string setting that turns GSS encryption off, in the strings pgha prints for applications.
/// Npgsql 10 asks for GSS encryption before every password login unless told not to; that request goes through the
/// Kerberos library, which may look the server up in DNS, and a lost answer holds the login for the resolver's 5 s,
/// past the connection's own Timeout (npgsql issues 6524 and 6655). In a failover a client makes many logins while it
/// hunts for the new primary, so one such stall lands in the outage. Applications that log in with Kerberos drop it.
/// </summary>
public static class NpgsqlGss
{
    public const string Off = "GSS Encryption Mode=Disable";
}
