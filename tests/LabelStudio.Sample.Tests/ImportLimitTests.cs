using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace LabelStudio.Sample.Tests;

/// <summary>An import's size is bounded by task count as well as bytes: <c>TASKS_MAX_NUMBER</c> (Label Studio's setting).</summary>
public sealed class ImportLimitTests
{
    [Fact]
    public async Task An_import_over_TASKS_MAX_NUMBER_is_413_and_stores_nothing_in_a_body_or_in_files()
    {
        await using var sample = SampleFactory.With(new Dictionary<string, string?> { ["TASKS_MAX_NUMBER"] = "10", ["WEBHOOK_BATCH_SIZE"] = "3" });
        HttpClient client = sample.Client();
        long project = (long)(await (await client.PostAsJsonAsync("/api/projects/", new { title = "Limits" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        HttpResponseMessage fits = await client.PostAsync($"/api/projects/{project}/import", Json(Tasks(10)));
        HttpResponseMessage over = await client.PostAsync($"/api/projects/{project}/import/", Json(Tasks(11)));
        using var files = new MultipartFormDataContent
        {
            { new StringContent(Tasks(6), Encoding.UTF8, "application/json"), "file", "a.json" },
            { new StringContent(Tasks(6), Encoding.UTF8, "application/json"), "file", "b.json" },
        };
        HttpResponseMessage overInFiles = await client.PostAsync($"/api/projects/{project}/import", files);

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(10, (int)(await fits.Content.ReadFromJsonAsync<JsonObject>())!["task_count"]!);
        foreach (HttpResponseMessage refused in new[] { over, overInFiles })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.Equal("An import takes at most 10 tasks; split it into several requests.", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        }
        JsonObject stored = (await client.GetFromJsonAsync<JsonObject>($"/api/projects/{project}/"))!;
        Assert.Equal(10, (int)stored["task_number"]!);
    }

    private static string Tasks(int count) => "[" + string.Join(",", Enumerable.Range(0, count).Select(index => $$"""{"text":"task {{index}}"}""")) + "]";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
