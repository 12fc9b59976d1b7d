using Hooks.Sdk.Api;
using Hooks.Sdk.Store;

namespace LabelStudio.Sample.Pages.Webhooks;

/// <summary>
/// The webhook form's fields, turned into a <see cref="WebhookInput"/> so that <see cref="WebhookAdministration"/>
/// validates them with the API's rules and messages.
/// </summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }

    /// <summary>One <c>Name: value</c> per line.</summary>
    public string? Headers { get; set; }

    public bool IsActive { get; set; } = true;

    public bool SendPayload { get; set; } = true;

    public bool SendForAllActions { get; set; } = true;

    public List<string> Actions { get; set; } = [];

    public static WebhookForm From(Webhook webhook) => new()
    {
        Url = webhook.Url,
        Headers = string.Join("\n", webhook.Headers.Select(header => $"{header.Key}: {header.Value}")),
        IsActive = webhook.IsActive,
        SendPayload = webhook.SendPayload,
        SendForAllActions = webhook.SendForAllActions,
        Actions = webhook.Actions.Select(subscription => subscription.Action).ToList(),
    };

    /// <summary>Every field as the input (the form shows them all), or the headers problem when a line is not <c>Name: value</c>.</summary>
    public (WebhookInput? Input, string? HeadersProblem) ToInput(long? projectId)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in (Headers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return (null, $"Write one header per line as Name: value (\"{line}\" is not).");
            }
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var input = new WebhookInput
        {
            Url = Url ?? "",
            ProjectId = projectId,
            Headers = headers,
            IsActive = IsActive,
            SendPayload = SendPayload,
            SendForAllActions = SendForAllActions,
            Actions = Actions,
        };
        return (input, null);
    }
}
