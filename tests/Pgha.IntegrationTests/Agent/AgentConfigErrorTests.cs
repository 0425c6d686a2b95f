using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>Bad config files stop the agent before anything starts, with one clear line per problem.</summary>
public sealed class AgentConfigErrorTests : IAsyncLifetime
{
    private readonly ProcessGuard _processes = new();
    private readonly TestPaths _paths = new("configerrors");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _processes.DisposeAsync();
        _paths.Dispose();
    }

    [Theory]
    [InlineData("scope: x\nname: [unclosed", "line")]
    [InlineData("scope: x\nname: n1\nrestapi: {listen: 127.0.0.1:8008}\netcd3: {hosts: 127.0.0.1:2379}\npostgresql: {listen: 127.0.0.1:5432, data_dir: /tmp/x, authentication: {superuser: {username: postgres, password: a}, replication: {username: r, password: b}}}\nbootstrap: {dcs: {ttl: 10, loop_wait: 10, retry_timeout: 10}}\n", "ttl")]
    [InlineData("scope: x\nname: n1\nrestapi: {listen: 127.0.0.1:99999}\netcd3: {hosts: 127.0.0.1:2379}\npostgresql: {listen: 127.0.0.1:5432, data_dir: /tmp/x, authentication: {superuser: {username: postgres, password: a}, replication: {username: r, password: b}}}\n", "restapi.listen")]
    public async Task An_invalid_config_exits_non_zero_naming_the_problem(string yaml, string mentioned)
    {
        string path = Path.Combine(_paths.Root, "bad.yaml");
        await File.WriteAllTextAsync(path, yaml);
        string dll = typeof(Pgha.Program).Assembly.Location;
        (int exit, string stdout, string stderr) = await _processes.RunAsync("dotnet", [dll, "agent", path], TimeSpan.FromSeconds(60));
        Assert.Equal(3, exit);
        Assert.Contains(mentioned, stderr, StringComparison.Ordinal);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout.Trim());
    }
}
