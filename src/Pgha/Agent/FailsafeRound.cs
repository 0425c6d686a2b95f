using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// A primary that lost etcd asks every other member of the last known failsafe list to accept it: <c>POST /failsafe</c>
/// with <c>{name, conn_url, api_url, slots}</c>, all in parallel, 2 s per attempt and one retry (Patroni 3.0.2).
/// Only a 200 counts; a 500 "Running as a leader", a 502 (failsafe off there) or no answer is a refusal.
/// </summary>
public sealed class FailsafeRound(HttpClient http, ClusterSettings settings, TimeProvider clock)
{
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(2);
    private const int Attempts = 2;

    public async Task<FailsafeCheck> RunAsync(IReadOnlyDictionary<string, string> members, CancellationToken ct)
    {
        DateTimeOffset started = clock.GetUtcNow();
        string me = settings.Local.Name;
        string body = Body(me);
        KeyValuePair<string, string>[] others = members.Where(m => m.Key != me).ToArray();
        (string Name, string? Refusal)[] answers = await Task.WhenAll(others.Select(m => AskAsync(m.Key, m.Value, body, ct)));
        return new FailsafeCheck(started,
            answers.Where(a => a.Refusal is null).Select(a => a.Name).ToList(),
            answers.Where(a => a.Refusal is not null).Select(a => $"{a.Name} ({a.Refusal})").ToList());
    }

    private async Task<(string, string?)> AskAsync(string name, string apiUrl, string body, CancellationToken ct)
    {
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out Uri? api))
        {
            return (name, $"api_url '{apiUrl}' is not a URL");
        }
        var target = new UriBuilder(api) { Path = "/failsafe", Query = "" }.Uri;
        string refusal = "no answer";
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(s_attemptTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                Authorize(request);
                using HttpResponseMessage response = await http.SendAsync(request, cts.Token);
                if ((int)response.StatusCode == 200)
                {
                    return (name, null);
                }
                // An answer other than 200 is the member's decision: asking again would not change it.
                return (name, $"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(cts.Token)).Trim()}");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                refusal = e is OperationCanceledException ? "timed out" : e.InnerException?.Message ?? e.Message;
            }
        }
        return (name, refusal);
    }

    private string Body(string me)
    {
        var local = settings.Local;
        var json = new JsonObject
        {
            ["name"] = me,
            ["conn_url"] = $"postgres://{local.Postgresql.ConnectAddress}/{local.Postgresql.Database}",
            ["api_url"] = $"http://{local.RestApi.ConnectAddress}/patroni",
            // Patroni sends its permanent slots' positions; pgha keeps no permanent slots on replicas yet.
            ["slots"] = new JsonObject(),
        };
        return json.ToJsonString();
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (settings.Local.RestApi.Username is { } user)
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{settings.Local.RestApi.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }
}
