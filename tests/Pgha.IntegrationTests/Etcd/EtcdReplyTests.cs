using Pgha.Etcd;

namespace Pgha.IntegrationTests.Etcd;

/// <summary>How gateway replies are classified (pure; lives here because only this project sees Pgha's internals).</summary>
public sealed class EtcdReplyTests
{
    [Theory]
    [InlineData(503, """{"error":"etcdserver: no leader","message":"etcdserver: no leader","code":14}""", true)]
    [InlineData(500, """{"error":"etcdserver: request timed out","message":"etcdserver: request timed out","code":14}""", true)]
    [InlineData(500, """{"error":"context deadline exceeded","message":"context deadline exceeded","code":2}""", true)]
    [InlineData(502, "<html>bad gateway</html>", true)]
    [InlineData(404, """{"error":"etcdserver: requested lease not found","message":"etcdserver: requested lease not found","code":5}""", false)]
    [InlineData(400, """{"error":"bad","message":"bad","code":3}""", false)]
    public void Errors_are_retryable_only_when_another_attempt_may_succeed(int status, string body, bool retryable)
    {
        EtcdReply reply = EtcdReply.From(status, body);
        Assert.Null(reply.Json);
        Assert.Equal(retryable, reply.Retryable);
    }

    [Fact]
    public void A_successful_reply_carries_its_json() =>
        Assert.Equal("7", EtcdJson.Revision(EtcdReply.From(200, """{"header":{"revision":"7"}}""").Json).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Prefix_end_is_the_prefix_with_its_last_byte_incremented()
    {
        byte[] end = Convert.FromBase64String(EtcdJson.PrefixEndB64("/service/batman/"));
        Assert.Equal("/service/batman0"u8.ToArray(), end);
    }
}
