using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// The built sample as its own process (a node), as the crash and cluster tests run it: the bootstrap user, loopback
/// receivers allowed, short attempts and leases so that a killed node's messages are taken over within seconds; and
/// what those tests read back over its API.
/// </summary>
internal static class SampleNodes
{
    public static Task<AppProcess> StartAsync(string data, string? database, string baseUrl, IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_BASE_DATA_DIR"] = data,
            ["ConnectionStrings__Default"] = database,
            ["LABEL_STUDIO_USERNAME"] = SampleFactory.Username,
            ["LABEL_STUDIO_PASSWORD"] = "bootstrap-password",
            ["LABEL_STUDIO_USER_TOKEN"] = SampleFactory.Token,
            ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "127.0.0.0/8",
            ["Logging__LogLevel__Default"] = "Warning",
            ["WEBHOOK_TIMEOUT"] = "2",
            ["Hooks__LeaseMargin"] = "00:00:01",
        };
        foreach ((string name, string? value) in more ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        return AppProcess.StartAsync(typeof(Program).Assembly.Location, baseUrl, environment, readyPath: "/health");
    }

    /// <summary>A client of the node at <paramref name="baseUrl"/> with the bootstrap user's token.</summary>
    public static HttpClient Client(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", SampleFactory.Token);
        return client;
    }

    public static async Task<long> IdOfAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Every task id announced in a <c>TASKS_CREATED</c>, with the message's <c>webhook-id</c>.</summary>
    public static IReadOnlyList<(long Task, string MessageId)> TasksCreated(IReadOnlyList<ReceivedRequest> received) =>
        received.Where(request => (string?)request.Json["action"] == "TASKS_CREATED")
            .SelectMany(request => request.Json["tasks"]!.AsArray().Select(task => ((long)task!["id"]!, request.Headers["webhook-id"])))
            .ToList();

    /// <summary>Every task of <paramref name="project"/>, read page by page as Label Studio's clients do, until the 404 past the last.</summary>
    public static async Task<HashSet<long>> TaskIdsAsync(HttpClient client, long project)
    {
        var ids = new HashSet<long>();
        // A page past the last must be a 404; a server that never answers one would loop this forever.
        for (int page = 1; page <= 10_000; page++)
        {
            using HttpResponseMessage response = await client.GetAsync($"/api/tasks/?project={project}&page={page}&page_size=1000");
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return ids;
            }
            response.EnsureSuccessStatusCode();
            ids.UnionWith((await response.Content.ReadFromJsonAsync<JsonObject>())!["tasks"]!.AsArray().Select(task => (long)task!["id"]!));
        }
        throw new InvalidOperationException($"The tasks of project {project} never ended in a 404 past their last page.");
    }
}
