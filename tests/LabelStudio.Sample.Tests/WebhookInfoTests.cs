using System.Net;
using System.Text.Json.Nodes;

namespace LabelStudio.Sample.Tests;

/// <summary><c>GET /api/webhooks/info/</c> of the sample, served from its generated catalogue.</summary>
public sealed class WebhookInfoTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private static readonly (string Action, string Name, string Key, bool OrganizationOnly, bool OptIn)[] Expected =
    [
        ("PROJECT_CREATED", "Project created", "project", true, false),
        ("PROJECT_UPDATED", "Project updated", "project", false, false),
        ("PROJECT_DELETED", "Project deleted", "project", true, false),
        ("TASKS_CREATED", "Task created", "tasks", false, false),
        ("TASKS_DELETED", "Task deleted", "tasks", false, false),
        ("ANNOTATION_CREATED", "Annotation created", "annotation", false, false),
        ("ANNOTATIONS_CREATED", "Annotations created", "annotation", false, false),
        ("ANNOTATION_UPDATED", "Annotation updated", "annotation", false, false),
        ("ANNOTATIONS_DELETED", "Annotation deleted", "annotations", false, false),
        ("TASK_COMPLETED", "Task completed", "task", false, true),
        ("PROJECT_COMPLETED", "Project completed", "project", false, true),
        ("WEBHOOK_DISABLED", "Webhook disabled", "webhook", true, true),
        ("WEBHOOK_ATTEMPTS_EXHAUSTED", "Webhook attempts exhausted", "webhook", true, true),
    ];

    [Theory]
    [InlineData("/api/webhooks/info/")]
    [InlineData("/api/webhooks/info")]
    public async Task Lists_the_contract_actions_in_order_without_authentication(string path)
    {
        HttpResponseMessage response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonObject info = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(Expected.Select(action => action.Action), info.Select(member => member.Key));
        foreach ((string action, string name, string key, bool organizationOnly, bool optIn) in Expected)
        {
            JsonNode entry = info[action]!;
            Assert.Equal((name, key, organizationOnly, optIn), ((string?)entry["name"], (string?)entry["key"], (bool)entry["organization-only"]!, (bool)entry["opt-in"]!));
            // Label Studio's members in its order, then whether only webhooks that list the action get it.
            Assert.Equal(["name", "description", "key", "organization-only", "opt-in"], entry.AsObject().Select(member => member.Key));
        }
    }

    [Theory]
    [InlineData("true", new[] { "PROJECT_CREATED", "PROJECT_DELETED", "WEBHOOK_DISABLED", "WEBHOOK_ATTEMPTS_EXHAUSTED" })]
    [InlineData("false", new[] { "PROJECT_UPDATED", "TASKS_CREATED", "TASKS_DELETED", "ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED", "TASK_COMPLETED", "PROJECT_COMPLETED" })]
    [InlineData("True", new[] { "PROJECT_UPDATED", "TASKS_CREATED", "TASKS_DELETED", "ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED", "TASK_COMPLETED", "PROJECT_COMPLETED" })]
    [InlineData("", new[] { "PROJECT_UPDATED", "TASKS_CREATED", "TASKS_DELETED", "ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED", "TASK_COMPLETED", "PROJECT_COMPLETED" })]
    public async Task Organization_only_filter_compares_with_exactly_true(string value, string[] expected)
    {
        string json = await factory.CreateClient().GetStringAsync("/api/webhooks/info/?organization-only=" + value);

        Assert.Equal(expected, JsonNode.Parse(json)!.AsObject().Select(member => member.Key));
    }
}
