using System.Text;

namespace Hooks.Sdk.Benchmarks.HangfirePeer;

/// <summary>
/// One webhook delivery as a Hangfire job, the way a team without a webhook library writes it: the URL and the body
/// are the job's arguments, and a failed POST throws, so that Hangfire's automatic retry takes over.
/// </summary>
public static class WebhookJob
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task PostAsync(string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Client.PostAsync(url, content);
        response.EnsureSuccessStatusCode();
    }
}
