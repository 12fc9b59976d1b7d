using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>Bad input on every write route: a 4xx naming the problem, never a 5xx, nothing written, nothing sent.</summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    public static TheoryData<string, string, string> Requests => BadInputFixture.Requests;

    [Theory]
    [MemberData(nameof(Requests))]
    public Task Is_refused_with_a_4xx_and_changes_nothing(string method, string path, string body) =>
        fixture.AssertRefusedAsync(method, path, body);
}

/// <summary>One organization with a project, a task and an annotation, another organization beside it, and a webhook; shared because no case may change it.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private readonly SampleFactory _sample = new();
    private Receiver _receiver = null!;
    private HttpClient _client = null!;
    private long _project;
    private long _task;
    private long _annotation;
    private long _foreignProject;
    private long _foreignTask;
    private string _before = "";

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _client = _sample.Client();
        _project = await IdAsync(_client, "/api/projects/", new { title = "Mine" });
        _task = await IdAsync(_client, "/api/tasks/", new { project = _project, data = new { text = "t" } });
        _annotation = await IdAsync(_client, $"/api/tasks/{_task}/annotations/", new { result = new[] { new { v = 1 } } });

        (int exit, string token, _) = await SampleProcess.RunAsync(_sample.DataDirectory, "user", "create", "--username", "foreign@example.com", "--password", "pw", "--organization", "Foreign");
        Assert.Equal(0, exit);
        HttpClient foreign = _sample.Client(token.Trim().Split('\n')[^1]);
        _foreignProject = await IdAsync(foreign, "/api/projects/", new { title = "Theirs" });
        _foreignTask = await IdAsync(foreign, "/api/tasks/", new { project = _foreignProject, data = new { text = "theirs" } });

        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/webhooks/", new { url = _receiver.Url() })).StatusCode);
        _before = await SnapshotAsync();
    }

    public async Task DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public static TheoryData<string, string, string> Requests => new()
    {
        { "POST", "/api/projects/", """{"title":["x"]}""" },
        { "POST", "/api/projects/", """{"maximum_annotations":"many"}""" },
        { "PATCH", "/api/projects/{foreignProject}/", """{"title":"mine now"}""" },
        { "PUT", "/api/projects/{project}/", """{"title":"{long}"}""" },
        { "DELETE", "/api/projects/{foreignProject}/", "" },
        { "POST", "/api/tasks/", """{"data":{"text":"no project"}}""" },
        { "POST", "/api/tasks/", """{"project":{project}}""" },
        { "POST", "/api/tasks/", """{"project":{project},"data":"not an object"}""" },
        { "POST", "/api/tasks/", """{"project":999999,"data":{}}""" },
        { "POST", "/api/tasks/", """{"project":{foreignProject},"data":{}}""" },
        { "POST", "/api/tasks/", """{"project":"abc","data":{}}""" },
        { "PATCH", "/api/tasks/{foreignTask}/", """{"data":{"x":1}}""" },
        { "PATCH", "/api/tasks/{task}/", """{"data":[1,2]}""" },
        { "DELETE", "/api/tasks/{foreignTask}/", "" },
        { "DELETE", "/api/tasks/999999/", "" },
        { "POST", "/api/projects/{foreignProject}/tasks/", """{"data":{}}""" },
        { "DELETE", "/api/projects/{foreignProject}/tasks/", "" },
        { "POST", "/api/projects/{project}/import", "[]" },
        { "POST", "/api/projects/{project}/import", "[1,2]" },
        { "POST", "/api/projects/{project}/import", """[{"data":"text"}]""" },
        { "POST", "/api/projects/{project}/import", "{not json" },
        { "POST", "/api/projects/{foreignProject}/import", """[{"text":"x"}]""" },
        { "POST", "/api/tasks/{task}/annotations/", """{"result":"not a list"}""" },
        { "POST", "/api/tasks/{task}/annotations/", """{"was_cancelled":"sometimes"}""" },
        { "POST", "/api/tasks/{foreignTask}/annotations/", """{"result":[]}""" },
        { "PATCH", "/api/annotations/{annotation}/", """{"lead_time":"slow"}""" },
        { "PUT", "/api/annotations/999999/", """{"result":[]}""" },
        { "DELETE", "/api/annotations/999999/", "" },
        { "POST", "/api/predictions/", """{"result":[]}""" },
        { "POST", "/api/predictions/", """{"task":{foreignTask},"result":[]}""" },
        { "POST", "/api/predictions/", """{"task":{task},"score":7}""" },
        { "DELETE", "/api/predictions/999999/", "" },
        { "POST", "/api/dm/actions?id=delete_tasks&project={foreignProject}", """{"selectedItems":{"all":true}}""" },
        { "POST", "/api/dm/actions?id=explode&project={project}", """{"selectedItems":{"all":true}}""" },
        { "POST", "/api/dm/actions?id=delete_tasks&project={project}", """{}""" },
        { "POST", "/api/dm/actions?id=delete_tasks", """{"selectedItems":{"all":true}}""" },
        { "POST", "/api/dm/actions?id=delete_tasks&project={project}", """{"selectedItems":{"all":"yes"}}""" },
        { "POST", "/api/ml/", """{"project":{project},"url":"not a url"}""" },
        { "POST", "/api/ml/", """{"project":{foreignProject},"url":"http://127.0.0.1:9/"}""" },
        { "POST", "/api/ml/999999/train", "" },
        { "POST", "/api/webhooks/", """{"project":{foreignProject},"url":"http://127.0.0.1:9/"}""" },
        { "POST", "/api/tasks/", """{"project":{project},"data":{deep}}""" },
        { "PATCH", "/api/tasks/{task}/", """{"data":{deep}}""" },
        { "POST", "/api/projects/{project}/import", """[{"data":{deep}}]""" },
        { "PATCH", "/api/annotations/{annotation}/", """{"lead_time":1e400}""" },
        { "PATCH", "/api/annotations/{annotation}/", """{"lead_time":"NaN"}""" },
        { "PATCH", "/api/annotations/{annotation}/", """{"lead_time":"Infinity"}""" },
        { "POST", "/api/tasks/{task}/annotations/", """{"result":[{"v":1e400}],"lead_time":"-Infinity"}""" },
        { "POST", "/api/tasks/", """{"project":{project},"data":{"n":-1e999}}""" },
        { "POST", "/api/predictions/", """{"task":{task},"result":[],"score":"NaN"}""" },
        { "POST", "/api/webhooks/", """{"url":"http://127.0.0.1:9/a","url":"http://127.0.0.1:9/b"}""" },
        { "POST", "/api/tasks/", """{"project":{project},"project":{project},"data":{}}""" },
        { "POST", "/api/projects/{project}/import", """[{"text":"a","text":"b"}]""" },
        { "POST", "/api/projects/{project}/import", """[{"text":"\ud800"}]""" },
        { "POST", "/api/projects/{project}/import/", """[{"text":"\udc00 alone"}]""" },
        { "POST", "/api/tasks/", """{"project":{project},"data":{"text":"\ud800"}}""" },
        { "POST", "/api/tasks/", """{"project":{project},"data":{"\ud800":"key"}}""" },
        { "POST", "/api/webhooks/", """{"url":"http://127.0.0.1:9/","headers":{"X-A":"\ud800"}}""" },
        { "GET", "/api/no-such-route/", "" },
        { "DELETE", "/api/projects/", "" },
        { "PUT", "/api/webhooks/info/", "" },
        { "POST", "/api/projects/", "{huge}" },
        { "POST", "/api/tasks/", "{huge}" },
    };

    public async Task AssertRefusedAsync(string method, string path, string body)
    {
        string Fill(string text) => text
            .Replace("{project}", _project.ToString()).Replace("{foreignProject}", _foreignProject.ToString())
            .Replace("{task}", _task.ToString()).Replace("{foreignTask}", _foreignTask.ToString())
            .Replace("{annotation}", _annotation.ToString()).Replace("{long}", new string('x', 60))
            .Replace("{deep}", string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40))
            .Replace("{huge}", text.Contains("{huge}") ? $$"""{"title":"x","description":"{{new string('d', 2 * 1024 * 1024)}}"}""" : "");
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body.Length > 0)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await _client.SendAsync(request);

        int status = (int)response.StatusCode;
        string answer = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{method} {path} answered {status}: {answer[..Math.Min(answer.Length, 300)]}");
        Assert.Equal(_before, await SnapshotAsync());
        Assert.Empty(_receiver.Requests);
    }

    /// <summary>What the caller's organization can see, to prove nothing changed.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string?>
        {
            (await _client.GetStringAsync("/api/projects/")),
            (await _client.GetStringAsync("/api/tasks/")),
            (await _client.GetStringAsync($"/api/tasks/{_task}/annotations/")),
            (await _sample.Client(null).GetStringAsync("/api/webhooks/info/")).Length.ToString(),
        };
        return string.Join("\n", parts);
    }

    private static async Task<long> IdAsync(HttpClient client, string path, object body)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
