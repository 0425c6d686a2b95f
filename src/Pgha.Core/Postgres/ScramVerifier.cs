using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pgha.Core.Postgres;

/// <summary>
/// The SCRAM-SHA-256 secret PostgreSQL stores in pg_authid (RFC 5802/7677). Sending this instead of the password in
/// CREATE/ALTER ROLE keeps the password itself out of server logs and statistics views.
/// </summary>
public static class ScramVerifier
{
    public const int Iterations = 4096;

    /// <summary>True when <see cref="Compute"/> matches what the server derives: PostgreSQL applies SASLprep, which leaves printable ASCII unchanged.</summary>
    public static bool Supports(string password) => password.All(c => c is >= ' ' and <= '~');

    public static string Compute(string password, byte[] salt, int iterations = Iterations)
    {
        byte[] salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        byte[] clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        byte[] storedKey = SHA256.HashData(clientKey);
        byte[] serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return string.Create(CultureInfo.InvariantCulture,
            $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }
}
