namespace Hooks.Sdk.Generators;

/// <summary>Metadata names of the types the generator recognizes; it knows Hooks.Sdk by name only.</summary>
internal static class KnownNames
{
    public const string WebhookActionsAttribute = "Hooks.Sdk.Catalogue.WebhookActionsAttribute";
    public const string WebhookActionAttribute = "Hooks.Sdk.Catalogue.WebhookActionAttribute";
    public const string WebhookNestedFieldAttribute = "Hooks.Sdk.Catalogue.WebhookNestedFieldAttribute";
    public const string ApiWebhookAttribute = "Hooks.Sdk.Filters.ApiWebhookAttribute";
    public const string ApiWebhookForDeleteAttribute = "Hooks.Sdk.Filters.ApiWebhookForDeleteAttribute";
    public const string ApiWebhookEndpointFilters = "Microsoft.AspNetCore.Builder.ApiWebhookEndpointFilters";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string HttpMethodAttribute = "Microsoft.AspNetCore.Mvc.Routing.HttpMethodAttribute";
    public const string AcceptVerbsAttribute = "Microsoft.AspNetCore.Mvc.AcceptVerbsAttribute";

    /// <summary>Label Studio's <c>__self__</c>; mirrors <c>Hooks.Sdk.Catalogue.WebhookProject.Self</c>.</summary>
    public const string SelfProject = "__self__";
}
