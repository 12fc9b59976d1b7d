using System.Text.Json.Nodes;
using Hooks.Sdk.Api;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Store;
using LabelStudio.Sample.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Pages.Webhooks;

/// <summary>
/// The organization's webhooks (<c>/webhooks</c>) or one project's (<c>/projects/{projectId}/webhooks</c>): list, add,
/// delete and send a test event. Adding goes through <see cref="WebhookAdministration"/>, so the form answers with the
/// API's messages.
/// </summary>
public sealed class WebhooksModel(
    WebhookAdministration administration, WebhookActionRegistry registry, IWebhookEmitter emitter, SampleDbContext db) : SamplePageModel
{
    [FromRoute]
    public long? ProjectId { get; set; }

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public string Scope { get; private set; } = "the organization";

    public IReadOnlyList<Webhook> Webhooks { get; private set; } = [];

    public IReadOnlyList<WebhookActionDescriptor> Available { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public WebhookFormView FormView => new("Add a webhook", "Add webhook", Form, Available, Errors);

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        (WebhookInput? input, string? headersProblem) = Form.ToInput(ProjectId);
        if (input is null)
        {
            Errors = new Dictionary<string, IReadOnlyList<string>> { ["headers"] = [headersProblem!] };
            return Page();
        }
        WebhookChange change = await administration.CreateAsync(OrganizationId, input, HttpContext.RequestAborted);
        if (!change.Succeeded)
        {
            // Without a project while organization-level webhooks are off, in the API's words for it.
            Errors = change.Outcome == WebhookChangeOutcome.ProjectRequired
                ? new Dictionary<string, IReadOnlyList<string>> { ["non_field_errors"] = ["Project not found."] }
                : change.FieldErrors;
            return Page();
        }
        return Redirect(Request.Path + "?added=" + change.Webhook.Id);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        await administration.DeleteAsync(OrganizationId, id, HttpContext.RequestAborted);
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostTestAsync(long id, string action)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (await administration.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } webhook || !registry.TryGetAction(action, out _))
        {
            return NotFound();
        }
        WebhookDeliveryResult result = await emitter.RunWebhookAsync(webhook, action, new JsonObject { ["test"] = true }, HttpContext.RequestAborted);
        Notice = result.Succeeded
            ? $"Test {action} delivered to {webhook.Url}: {result.StatusCode}."
            : $"Test {action} to {webhook.Url} failed: {result.StatusCode?.ToString() ?? result.Error}.";
        Webhooks = await administration.ListAsync(OrganizationId, Filter, HttpContext.RequestAborted);
        return Page();
    }

    private WebhookProjectFilter Filter => ProjectId is { } id ? WebhookProjectFilter.ForProject(id) : WebhookProjectFilter.OrganizationLevel;

    private async Task<bool> LoadAsync()
    {
        if (ProjectId is { } id)
        {
            string? title = await db.Projects.Where(project => project.Id == id && project.Organization == OrganizationId).Select(project => project.Title).FirstOrDefaultAsync();
            if (title is null)
            {
                return false;
            }
            Scope = $"project \"{title}\"";
        }
        // A project webhook cannot subscribe to organization-only actions, so the form does not offer them.
        Available = registry.Actions.Where(action => ProjectId is null || !action.OrganizationOnly).ToList();
        Webhooks = await administration.ListAsync(OrganizationId, Filter, HttpContext.RequestAborted);
        if (Request.Query.TryGetValue("added", out var added))
        {
            Notice = $"Webhook {added} added.";
        }
        return true;
    }
}
