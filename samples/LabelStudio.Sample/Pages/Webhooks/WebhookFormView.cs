using Hooks.Sdk.Catalogue;

namespace LabelStudio.Sample.Pages.Webhooks;

/// <summary>What the shared webhook form partial shows.</summary>
public sealed record WebhookFormView(
    string Legend,
    string Submit,
    WebhookForm Form,
    IReadOnlyList<WebhookActionDescriptor> Available,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors);
