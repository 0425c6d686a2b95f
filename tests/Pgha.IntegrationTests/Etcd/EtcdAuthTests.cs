using System.Text.Json.Nodes;
using Pgha.Core.Dcs;
using Pgha.Etcd;

namespace Pgha.IntegrationTests.Etcd;

/// <summary>etcd with authentication on; tokens expire after 3 s of idleness so that re-authentication is exercised.</summary>
public sealed class EtcdAuthTests() : EtcdTestCluster(41, "--auth-token-ttl", "3")
{
    private const string Password = "s3cret-pw";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        EtcdGatewayClient admin = Client();
        await admin.CallAsync("/v3/auth/user/add", new JsonObject { ["name"] = "root", ["password"] = Password }, default);
        await admin.CallAsync("/v3/auth/role/add", new JsonObject { ["name"] = "root" }, default);
        await admin.CallAsync("/v3/auth/user/grant", new JsonObject { ["user"] = "root", ["role"] = "root" }, default);
        await admin.CallAsync("/v3/auth/enable", new JsonObject(), default);
    }

    [Fact]
    public async Task Store_with_the_right_password_reads_and_writes()
    {
        var store = new EtcdClusterStore(Client(username: "root", password: Password), Prefix);
        await store.PutAsync(DcsKeys.Leader, "n1", null, default);
        Assert.Equal("n1", (await store.ReadAsync(default)).Leader?.Name);
    }

    [Fact]
    public async Task Store_without_credentials_is_refused()
    {
        var e = await Assert.ThrowsAsync<EtcdRpcException>(() => Store().ReadAsync(default));
        Assert.Contains("user name is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gives_one_line_naming_the_user_and_the_settings()
    {
        var store = new EtcdClusterStore(Client(username: "root", password: "wrong"), Prefix);
        var e = await Assert.ThrowsAsync<PghaException>(() => store.ReadAsync(default));
        Assert.Contains("'root'", e.Message, StringComparison.Ordinal);
        Assert.Contains("etcd3.password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_call_succeeds()
    {
        var store = new EtcdClusterStore(Client(username: "root", password: Password), Prefix);
        await store.PutAsync(DcsKeys.Leader, "n1", null, default);

        await Task.Delay(TimeSpan.FromSeconds(5)); // idle longer than --auth-token-ttl so the cached token is invalid

        Assert.Equal("n1", (await store.ReadAsync(default)).Leader?.Name);
    }
}
