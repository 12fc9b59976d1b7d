using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// What the API accepts can always be read back: the deepest data it takes, the largest finite numbers and paired
/// surrogates, written through every route that stores JSON, then every list and item read with 200; and every API
/// answer, the router's 404 and 405 included, is the JSON error envelope.
/// </summary>
public sealed class StoredPoisonTests
{
    [Fact]
    public async Task The_deepest_and_largest_accepted_values_are_read_back_everywhere()
    {
        await using var sample = new SampleFactory();
        HttpClient client = sample.Client();
        long project = await IdAsync(client, "/api/projects/", """{"title":"Edge"}""");
        // 32 levels in all: the body, "data", and 30 more.
        string deep = string.Concat(Enumerable.Repeat("""{"a":""", 30)) + "1" + new string('}', 30);
        long task = await IdAsync(client, "/api/tasks/", $$"""{"project":{{project}},"data":{{deep}}}""");
        await IdAsync(client, $"/api/projects/{project}/tasks/", """{"data":{"n":1.7976931348623157e308,"emoji":"\ud83d\ude00"}}""");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/projects/{project}/import",
            new StringContent($$"""[{"data":{{deep}}},{"text":"\ud83d\ude00"}]""", Encoding.UTF8, "application/json"))).StatusCode);
        long annotation = await IdAsync(client, $"/api/tasks/{task}/annotations/", $$"""{"result":[{{deep}}],"lead_time":1.7976931348623157e308}""");
        await IdAsync(client, "/api/predictions/", $$"""{"task":{{task}},"result":[{{deep}}],"score":0.5}""");

        foreach (string path in new[]
        {
            "/api/projects/", $"/api/projects/{project}/", "/api/tasks/", $"/api/tasks/?project={project}", $"/api/tasks/{task}/",
            $"/api/tasks/{task}/annotations/", $"/api/annotations/{annotation}/",
        })
        {
            HttpResponseMessage read = await client.GetAsync(path);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)read.StatusCode}: {await read.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route/", 404, "Not found.")]
    [InlineData("DELETE", "/api/projects/", 405, "Method \"DELETE\" not allowed.")]
    [InlineData("POST", "/api/tasks/", 400, "JSON parse error - A JSON object has the same key twice.")]
    public async Task Every_api_answer_is_the_error_envelope(string method, string path, int status, string detail)
    {
        await using var sample = new SampleFactory();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"data":{},"data":{}}""", Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await sample.Client().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonObject error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(status, (int)error["status_code"]!);
        string text = error.ToJsonString();
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(detail).Trim('"'), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_in_the_envelope_on_real_kestrel()
    {
        string data = Directory.CreateTempSubdirectory("label-studio-limit-").FullName;
        string baseUrl = $"http://127.0.0.1:{Ports.Free()}";
        await using AppProcess app = await AppProcess.StartAsync(typeof(Program).Assembly.Location, baseUrl, new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_BASE_DATA_DIR"] = data,
            ["LABEL_STUDIO_USERNAME"] = SampleFactory.Username,
            ["LABEL_STUDIO_PASSWORD"] = "bootstrap-password",
            ["LABEL_STUDIO_USER_TOKEN"] = SampleFactory.Token,
            ["Logging__LogLevel__Default"] = "Warning",
        }, readyPath: "/health");
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", SampleFactory.Token);
        byte[] body = Encoding.UTF8.GetBytes($$"""{"title":"x","description":"{{new string('d', 2 * 1024 * 1024)}}"}""");
        // No Content-Length: the server's body-size feature, not the declared length, has to stop it.
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects/") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status_code"]!);
        Assert.DoesNotContain("\"title\":\"x\"", await client.GetStringAsync("/api/projects/"), StringComparison.Ordinal);
    }

    private static async Task<long> IdAsync(HttpClient client, string path, string json)
    {
        HttpResponseMessage response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
