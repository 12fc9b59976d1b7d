using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;
using Json.Schema;

namespace LabelStudio.Sample.Tests.OpenApi;

/// <summary>
/// Every webhook body any test of this project receives is validated against its action's schema in the sample's
/// own OpenAPI document (<c>/openapi/v1.json</c>), by an independent draft 2020-12 validator (JsonSchema.Net). A body
/// that does not fit makes the receiver's <see cref="Receiver.WaitForAsync"/> fail, in whichever test received it.
/// </summary>
internal static class WebhookBodyCheck
{
    /// <summary>What the sample POSTs to an ML backend's <c>/webhook</c>: Label Studio's, not a webhook action.</summary>
    private const string StartTraining = "START_TRAINING";

    private static readonly Lazy<Task<IReadOnlyDictionary<string, JsonSchema>>> Schemas = new(LoadAsync);

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly's one-time set-up: every receiver of its tests checks bodies.")]
    internal static void Install() => Receiver.Check = CheckAsync;

    /// <summary>Why <paramref name="request"/>'s body does not fit its action's schema; null when it fits or is no webhook.</summary>
    public static async Task<string?> CheckAsync(ReceivedRequest request)
    {
        if (request.Method != "POST" || !TryReadAction(request.Body, out JsonElement body, out string? action) || action == StartTraining)
        {
            return null;
        }
        IReadOnlyDictionary<string, JsonSchema> schemas = await Schemas.Value;
        if (!schemas.TryGetValue(action, out JsonSchema? schema))
        {
            return $"{action} is not in the OpenAPI document's webhooks";
        }
        EvaluationResults results = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? null
            : $"{action} does not fit its schema: " + string.Join("; ", (results.Details ?? [])
                .Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")));
    }

    private static bool TryReadAction(string text, out JsonElement body, [NotNullWhen(true)] out string? action)
    {
        action = null;
        body = default;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return false;
        }
        action = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("action", out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        return action is not null;
    }

    /// <summary>The request body schema of each webhook in the document a sample serves.</summary>
    private static async Task<IReadOnlyDictionary<string, JsonSchema>> LoadAsync()
    {
        await using var sample = new SampleFactory();
        JsonObject document = (await sample.Client(token: null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        return OpenApiWebhooks.BodySchemas(document).ToDictionary(entry => entry.Key, entry => JsonSchema.FromText(entry.Value.ToJsonString()));
    }
}

/// <summary>Reads the <c>webhooks</c> section of an OpenAPI document.</summary>
internal static class OpenApiWebhooks
{
    /// <summary>Each webhook's name and the schema of its JSON request body.</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode>> BodySchemas(JsonObject document) =>
        document["webhooks"]!.AsObject().Select(webhook => KeyValuePair.Create(
            webhook.Key, webhook.Value!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!));
}
