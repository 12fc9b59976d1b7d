using Hooks.Sdk.Api;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Microsoft.AspNetCore.Mvc;

namespace LabelStudio.Sample.Pages.Webhooks;

/// <summary>
/// Edits a webhook through <see cref="WebhookAdministration"/> (every field, as <c>PUT</c>), shows its secret and its
/// latest messages, and sends one again.
/// </summary>
public sealed class EditWebhookModel(WebhookAdministration administration, WebhookActionRegistry registry) : SamplePageModel
{
    [FromRoute]
    public long Id { get; set; }

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public long? ProjectId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<WebhookActionDescriptor> Available { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public WebhookFormView FormView => new("Webhook", "Save", Form, Available, Errors);

    public string? Secret { get; private set; }

    /// <summary>The webhook's latest messages, from the delivery log.</summary>
    public IReadOnlyList<WebhookDeliveryRecord> Deliveries { get; private set; } = [];

    public string BackUrl => ProjectId is { } project ? $"/projects/{project}/webhooks" : "/webhooks";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } webhook)
        {
            return NotFound();
        }
        Form = WebhookForm.From(webhook);
        return Page();
    }

    public async Task<IActionResult> OnPostRedeliverAsync(long deliveryId)
    {
        if (await administration.FindDeliveryLogAsync(OrganizationId, Id, HttpContext.RequestAborted) is not { } log)
        {
            return NotFound();
        }
        await log.RedeliverAsync(deliveryId, HttpContext.RequestAborted);
        return Redirect($"/webhooks/{Id}/edit");
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        if (await administration.RotateSecretAsync(OrganizationId, Id, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }
        return Redirect($"/webhooks/{Id}/edit");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is null)
        {
            return NotFound();
        }
        (WebhookInput? input, string? headersProblem) = Form.ToInput(projectId: null);
        if (input is null)
        {
            Errors = new Dictionary<string, IReadOnlyList<string>> { ["headers"] = [headersProblem!] };
            return Page();
        }
        WebhookChange change = await administration.UpdateAsync(OrganizationId, Id, input, HttpContext.RequestAborted);
        switch (change.Outcome)
        {
            case WebhookChangeOutcome.Saved:
                return Redirect(BackUrl);
            case WebhookChangeOutcome.Invalid:
                Errors = change.FieldErrors;
                return Page();
            default:
                // Deleted since it was loaded.
                return NotFound();
        }
    }

    private async Task<Webhook?> LoadAsync()
    {
        Webhook? webhook = await administration.FindAsync(OrganizationId, Id, HttpContext.RequestAborted);
        if (webhook is not null)
        {
            ProjectId = webhook.ProjectId;
            CreatedAt = webhook.CreatedAt;
            Available = registry.Actions.Where(action => ProjectId is null || !action.OrganizationOnly).ToList();
            Secret = (await administration.GetSecretAsync(OrganizationId, Id, HttpContext.RequestAborted))?.ToString();
            WebhookDeliveryLog? log = await administration.FindDeliveryLogAsync(OrganizationId, Id, HttpContext.RequestAborted);
            Deliveries = log is null ? [] : (await log.ListAsync(status: null, skip: 0, take: 20, HttpContext.RequestAborted)).Page;
        }
        return webhook;
    }
}
