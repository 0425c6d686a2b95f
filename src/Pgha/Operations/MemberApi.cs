using System.Net.Http.Headers;
using System.Text;
using Pgha.Core.Cluster;

namespace Pgha.Operations;

/// <summary>Calls members' Patroni REST API (base taken from the member key's api_url), with restapi basic auth.</summary>
public sealed class MemberApi : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(90) };

    public MemberApi(string? username, string? password)
    {
        if (username is not null)
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    public static string BaseUrl(Member member)
    {
        string url = member.ApiUrl;
        int slash = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) + 3);
        return slash < 0 ? url : url[..slash];
    }

    /// <summary>Sends <paramref name="method"/> with an optional JSON body; an unreachable member gives status 0 and the error text.</summary>
    public async Task<ApiReply> SendAsync(Member member, HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, BaseUrl(member) + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, ct);
            return new ApiReply((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e)
        {
            return new ApiReply(0, e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new ApiReply(0, $"no answer from {BaseUrl(member)}: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
