using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Http;
using Hooks.Sdk.Security;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Api;

/// <summary>
/// What a webhook's fields may hold, in Label Studio's words: the rules past a value's type, which
/// <see cref="WebhookAdministration"/> applies to every <see cref="WebhookInput"/>, the API's and an app's page's
/// alike. The address policy and the project rules, which need I/O, are the administration's own.
/// </summary>
internal static partial class WebhookInputRules
{
    public const string Required = "This field is required.";

    /// <summary>
    /// The refusals of <paramref name="input"/>, after <paramref name="readErrors"/> (what the API could not read from
    /// JSON, whose fields are then not given); <paramref name="urlRequired"/> to create.
    /// </summary>
    public static FieldErrors Check(
        WebhookInput input, IReadOnlyDictionary<string, IReadOnlyList<string>> readErrors, bool urlRequired, WebhookActionRegistry registry)
    {
        var errors = new FieldErrors();
        errors.Add(readErrors);
        if (input.Url is { } url)
        {
            CheckUrl(url, errors);
        }
        else if (urlRequired && !errors.Contains("url"))
        {
            errors.Add("url", Required);
        }
        if (input.Headers is { } headers)
        {
            CheckHeaders(headers, errors);
        }
        if (input.Actions is { } actions)
        {
            CheckActions(actions, registry, errors);
        }
        return errors;
    }

    /// <summary>Label Studio's message for headers outside its <c>HEADERS_SCHEMA</c>, which quotes them as JSON.</summary>
    public static string SchemaFailure(string headersJson) => $"{headersJson} failed JSON schema check";

    /// <summary>Whether <paramref name="actions"/> name one that only organization-level webhooks may receive.</summary>
    public static bool ContainsOrganizationOnly(IEnumerable<string> actions, WebhookActionRegistry registry) =>
        actions.Any(action => registry.TryGetAction(action, out WebhookActionDescriptor? descriptor) && descriptor.OrganizationOnly);

    private static void CheckUrl(string url, FieldErrors errors)
    {
        if (url.Length == 0)
        {
            errors.Add("url", "This field may not be blank.");
        }
        else if (url.Length > Webhook.MaxUrlLength)
        {
            errors.Add("url", $"Ensure this field has no more than {Webhook.MaxUrlLength} characters.");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            errors.Add("url", "Enter a valid URL.");
        }
    }

    /// <summary>Label Studio's <c>HEADERS_SCHEMA</c> (at most 10, names of letters, digits, '-' and '_'), then the sender's own rules.</summary>
    private static void CheckHeaders(IReadOnlyDictionary<string, string> headers, FieldErrors errors)
    {
        if (headers.Count > Webhook.MaxHeaders || headers.Keys.Any(name => !HeaderName().IsMatch(name)))
        {
            var json = new JsonObject(headers.Select(header => KeyValuePair.Create(header.Key, (JsonNode?)JsonValue.Create(header.Value))));
            errors.Add("headers", SchemaFailure(json.ToJsonString()));
            return;
        }
        foreach (string reserved in headers.Keys.Where(ReservedHeaders.IsReserved))
        {
            errors.Add("headers", $"The header '{reserved}' is set by the sender and cannot be overridden.");
        }
        foreach (string name in headers.Where(header => !HeaderValues.AreSendable(header.Value)).Select(header => header.Key))
        {
            errors.Add("headers", $"The value of the header '{name}' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII.");
        }
    }

    private static void CheckActions(IReadOnlyList<string> actions, WebhookActionRegistry registry, FieldErrors errors)
    {
        for (int index = 0; index < actions.Count; index++)
        {
            if (!registry.TryGetAction(actions[index], out _))
            {
                errors.Add(ApiError.ItemField("actions", index), $"\"{actions[index]}\" is not a valid choice.");
            }
        }
    }

    // \z, not $: Python's $ lets "X-Token\n" through, and a header name must not end in a newline.
    [GeneratedRegex(@"^[a-zA-Z0-9\-_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();
}
