using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Diagnostics;

/// <summary>Every diagnostic the generator and analyzers report; tracked in AnalyzerReleases.*.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Declaration = "Hooks.Sdk.Declaration";
    private const string Usage = "Hooks.Sdk.Usage";
    private const string HelpBase = "https://github.com/hooks-sdk/hooks-sdk/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor CatalogueNotPartial = Error(
        "HOOK001",
        "Webhook actions class must be partial",
        "'{0}' must be declared partial (with every containing type) so that the generator can add its catalogue",
        Declaration);

    public static readonly DiagnosticDescriptor ActionNotConstString = Error(
        "HOOK002",
        "Webhook action must be a const string",
        "'{0}' must be a const string whose value is the action name, for example: public const string {0} = \"SOMETHING_HAPPENED\";",
        Declaration);

    public static readonly DiagnosticDescriptor DuplicateAction = Error(
        "HOOK003",
        "Webhook action declared twice",
        "The action '{0}' is already declared by {1}; action names are unique in the compilation, so rename one of them",
        Declaration);

    public static readonly DiagnosticDescriptor InvalidActionName = Error(
        "HOOK004",
        "Invalid webhook action name",
        "The action name '{0}' is invalid: use 1 to 128 characters of upper-case letters, digits and '_', starting with a letter (for example TASKS_CREATED)",
        Declaration);

    public static readonly DiagnosticDescriptor EmptyDisplayName = Error(
        "HOOK005",
        "Webhook action has no name",
        "The action '{0}' needs a human-readable name, for example [WebhookAction(\"Something happened\", Key = \"something\")]",
        Declaration);

    public static readonly DiagnosticDescriptor InvalidKey = Error(
        "HOOK006",
        "Invalid webhook payload key",
        "The action '{0}' has the key '{1}': set Key to a plain JSON member name (letters, digits and '_', not starting with a digit) other than 'action'",
        Declaration);

    public static readonly DiagnosticDescriptor InvalidProjectPath = Error(
        "HOOK007",
        "Invalid project path",
        "The project path '{0}' of action '{1}' is invalid: {2}; set Project to a dotted path of public members that ends in the project or its integer id, for example \"Task.Project\" or \"ProjectId\"",
        Declaration);

    public static readonly DiagnosticDescriptor ModelWithoutId = Error(
        "HOOK008",
        "Webhook model has no id",
        "The model '{0}' of action '{1}' needs a public readable 'Id' property of an integer or Guid type; add one, or declare the action without Model and emit it raw",
        Declaration);

    public static readonly DiagnosticDescriptor InvalidNestedField = Error(
        "HOOK009",
        "Invalid nested field",
        "The nested field '{0}' of action '{1}' is invalid: {2}; for example [WebhookNestedField(\"task\", \"Task\")] sends the model's Task as \"task\"",
        Declaration);

    public static readonly DiagnosticDescriptor TypeMissingFromJsonContext = Error(
        "HOOK010",
        "Type missing from the JSON context",
        "'{0}' (used by action '{1}') is not declared on '{2}': add [JsonSerializable(typeof({0}))] to it",
        Declaration);

    public static readonly DiagnosticDescriptor InvalidJsonContext = Error(
        "HOOK011",
        "Missing or invalid JSON context",
        "{0}: set [WebhookActions(JsonContext = typeof(...))] to a System.Text.Json source-generated JsonSerializerContext",
        Declaration);

    public static readonly DiagnosticDescriptor GenericCatalogue = Error(
        "HOOK012",
        "Webhook actions class must not be generic",
        "'{0}' is generic; declare webhook actions in a non-generic class",
        Declaration);

    public static readonly DiagnosticDescriptor OptionNeedsModel = Error(
        "HOOK013",
        "Webhook action option does not apply",
        "The action '{0}' sets {1}",
        Declaration);

    public static readonly DiagnosticDescriptor OrganizationOnlyWithProject = Error(
        "HOOK014",
        "Organization-only action with a project path",
        "The action '{0}' is organization-only, so it is never emitted with a project; remove Project or OrganizationOnly",
        Declaration);

    public static readonly DiagnosticDescriptor RenderFailed = Error(
        "HOOK015",
        "Webhook catalogue could not be generated",
        "The generator could not write the code of '{0}' ({1}); this is a bug of Hooks.Sdk.Generators, not of your code: please report it with this message",
        Declaration);

    public static readonly DiagnosticDescriptor UnknownAction = Error(
        "HOOK020",
        "Unknown webhook action",
        "No [WebhookActions] class declares the action '{0}', so nothing would be sent; fix the name (use the catalogue's constant, for example AppActions.TasksCreated) or declare the action with [WebhookAction]",
        Usage);

    public static readonly DiagnosticDescriptor ApiWebhookOnDelete = Warning(
        "HOOK021",
        "[ApiWebhook] on a DELETE action",
        "'{0}' handles HTTP DELETE: after a delete there is nothing to reload, so use [ApiWebhookForDelete] instead of [ApiWebhook]",
        Usage);

    public static readonly DiagnosticDescriptor ApiWebhookForDeleteOnNonDelete = Warning(
        "HOOK022",
        "[ApiWebhookForDelete] on an action that is not DELETE",
        "'{0}' does not handle HTTP DELETE: use [ApiWebhook] for POST, PUT and PATCH actions, or mark it [HttpDelete]",
        Usage);

    public static readonly DiagnosticDescriptor ReloadOfActionWithoutModel = Error(
        "HOOK023",
        "Reload filter on an action without a model",
        "{1} reloads the object its endpoint returns and sends it, but the action '{0}' has no Model; declare it with Model = typeof(...), or emit the raw action yourself with its generated Emit...Async helper",
        Usage);

    public static readonly DiagnosticDescriptor DeleteOfActionWithoutOnlyIds = Error(
        "HOOK024",
        "Delete filter on an action that is not ids-only",
        "{1} sends only the id captured before the delete, but the action '{0}' is not ids-only; use an action declared with OnlyIds = true, or [ApiWebhook] / .WithApiWebhook to send the model",
        Usage);

    private static readonly Dictionary<string, DiagnosticDescriptor> All = typeof(DiagnosticDescriptors)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    /// <summary>The diagnostic's section of docs/diagnostics.md, whose headings are the ids.</summary>
    private static string HelpLink(string id) => HelpBase + id.ToLowerInvariant();
}
