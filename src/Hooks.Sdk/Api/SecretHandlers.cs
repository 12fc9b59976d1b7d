using Hooks.Sdk.Http;
using Hooks.Sdk.Signatures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hooks.Sdk.Api;

/// <summary>The handlers of <c>/api/webhooks/{id}/secret/</c>: read and rotate a webhook's signing secret.</summary>
internal static class SecretHandlers
{
    public static async Task<IResult> GetAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.GetSecretAsync(CallerOrganization.Of(context), id, cancellationToken));

    public static async Task<IResult> RotateAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.RotateSecretAsync(CallerOrganization.Of(context), id, cancellationToken));

    private static IResult Answer(WebhookSecret? secret) => secret is null
        ? ApiError.NoMatch("Webhook").ToResult()
        : new JsonBytesResult(System.Text.Encoding.UTF8.GetBytes($$"""{"key":"{{secret}}"}"""), StatusCodes.Status200OK);
}
