using System.Text.Json.Nodes;
using Hooks.Sdk.Http;
using Hooks.Sdk.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Api;

/// <summary>
/// The handlers of <c>/api/webhooks/</c> and <c>/api/webhooks/{id}/</c>: list, create, read, replace, change and
/// delete the caller's organization's webhooks through <see cref="WebhookAdministration"/>. Another organization's
/// webhook is a 404, bad input a 400 naming the field, and nothing is written unless everything is valid.
/// </summary>
internal static class WebhookHandlers
{
    public static async Task<IResult> ListAsync(
        HttpContext context, [FromServices] WebhookAdministration administration, [FromServices] IWebhookProjects projects, CancellationToken cancellationToken)
    {
        long organizationId = CallerOrganization.Of(context);
        WebhookProjectFilter filter = WebhookProjectFilter.All;
        if (context.Request.Query.TryGetValue("project", out var value))
        {
            // Label Studio filters organization webhooks with "null"; "isnull" is what earlier releases of this SDK took.
            if (value == "null" || value == "isnull")
            {
                filter = WebhookProjectFilter.OrganizationLevel;
            }
            else if (long.TryParse(value, out long projectId) && await projects.ExistsAsync(organizationId, projectId, cancellationToken))
            {
                filter = WebhookProjectFilter.ForProject(projectId);
            }
            else
            {
                return ApiError.Validation("project", "Select a valid choice. That choice is not one of the available choices.").ToResult();
            }
        }
        IReadOnlyList<Webhook> webhooks = await administration.ListAsync(organizationId, filter, cancellationToken);
        return new JsonBytesResult(WebhookResource.SerializeList(webhooks), StatusCodes.Status200OK);
    }

    public static async Task<IResult> GetAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken) =>
        await administration.FindAsync(CallerOrganization.Of(context), id, cancellationToken) is { } webhook
            ? new JsonBytesResult(WebhookResource.Serialize(webhook), StatusCodes.Status200OK)
            : ApiError.NoMatch("Webhook").ToResult();

    public static async Task<IResult> CreateAsync(
        HttpContext context, [FromServices] WebhookAdministration administration, [FromServices] IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        (JsonObject? body, ApiError? error) = await JsonObjectBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return error!.ToResult();
        }
        WebhookChange change = await administration.CreateAsync(CallerOrganization.Of(context), WebhookRequest.ForCreate(body), cancellationToken);
        return Answer(change, StatusCodes.Status201Created);
    }

    /// <summary>PUT: <c>url</c> is required and, as in Label Studio, <c>actions</c> left out are cleared.</summary>
    public static Task<IResult> PutAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, [FromServices] IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
        UpdateAsync(id, WebhookRequest.ForReplace, context, administration, options, cancellationToken);

    /// <summary>PATCH: only the fields named change.</summary>
    public static Task<IResult> PatchAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, [FromServices] IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
        UpdateAsync(id, WebhookRequest.ForPatch, context, administration, options, cancellationToken);

    public static async Task<IResult> DeleteAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken) =>
        await administration.DeleteAsync(CallerOrganization.Of(context), id, cancellationToken)
            ? Results.NoContent()
            : ApiError.NoMatch("Webhook").ToResult();

    private static async Task<IResult> UpdateAsync(
        long id, Func<JsonObject, WebhookRequest> read, HttpContext context, WebhookAdministration administration, IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        (JsonObject? body, ApiError? error) = await JsonObjectBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return error!.ToResult();
        }
        WebhookChange change = await administration.UpdateAsync(CallerOrganization.Of(context), id, read(body), cancellationToken);
        return Answer(change, StatusCodes.Status200OK);
    }

    private static IResult Answer(WebhookChange change, int status) => change.Outcome switch
    {
        WebhookChangeOutcome.Saved => new JsonBytesResult(WebhookResource.Serialize(change.Webhook!), status),
        WebhookChangeOutcome.Invalid => ApiError.Validation(change.FieldErrors).ToResult(),
        WebhookChangeOutcome.WebhookNotFound => ApiError.NoMatch("Webhook").ToResult(),
        WebhookChangeOutcome.ProjectRequired => ApiError.NotFound("Project not found.").ToResult(),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Outcome, "Not an outcome of a webhook change."),
    };
}
