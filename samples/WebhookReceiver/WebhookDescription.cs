using System.Text.Json.Nodes;

namespace WebhookReceiver;

/// <summary>One line per webhook: the action, the ids it carries, its project.</summary>
public static class WebhookDescription
{
    public static string Describe(JsonObject body)
    {
        var parts = new List<string> { (string?)body["action"] ?? "(no action)" };
        foreach ((string key, JsonNode? value) in body)
        {
            if (key is "action" or "project")
            {
                continue;
            }
            string ids = value switch
            {
                JsonArray items => string.Join(",", items.Select(item => item is JsonObject entry ? entry["id"]?.ToJsonString() : item?.ToJsonString())),
                JsonObject entry when entry["id"] is { } id => id.ToJsonString(),
                _ => value?.ToJsonString() ?? "null",
            };
            parts.Add($"{key}={ids}");
        }
        if (body["project"] is JsonObject project)
        {
            parts.Add($"project={project["id"]?.ToJsonString()}" + (project["title"] is { } title ? $" ({(string?)title})" : ""));
        }
        return string.Join(" ", parts);
    }
}
