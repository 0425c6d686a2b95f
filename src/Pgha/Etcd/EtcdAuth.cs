using System.Text.Json.Nodes;

namespace Pgha.Etcd;

/// <summary>etcd's simple token auth: <c>/v3/auth/authenticate</c> once, then the token in every <c>Authorization</c> header.</summary>
internal sealed class EtcdAuth(string username, string password)
{
    public const string AuthenticatePath = "/v3/auth/authenticate";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;

    public void Invalidate() => Volatile.Write(ref _token, null);

    public async Task<string> TokenAsync(EtcdGatewayClient client, string endpoint, CancellationToken ct)
    {
        if (Volatile.Read(ref _token) is string cached)
        {
            return cached;
        }
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is null)
            {
                var body = new JsonObject { ["name"] = username, ["password"] = password };
                JsonNode reply;
                try
                {
                    reply = await client.CallOnceAsync(endpoint, AuthenticatePath, body, ct);
                }
                catch (EtcdRpcException e) when (!EtcdErrors.IsRetryable(e.GrpcCode, e.Detail))
                {
                    throw new PghaException($"etcd {endpoint}: authentication as user '{username}' failed: {e.Detail}; check etcd3.username and etcd3.password");
                }
                // Auth disabled on the server: it answers without a token, and requests need no header.
                _token = reply["token"]?.ToString() ?? "";
            }
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }
}
