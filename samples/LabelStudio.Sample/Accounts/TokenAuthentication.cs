using System.Security.Claims;
using System.Text.Encodings.Web;
using Hooks.Sdk.Http;
using LabelStudio.Sample.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LabelStudio.Sample.Accounts;

/// <summary>
/// Label Studio's API authentication: <c>Authorization: Token &lt;token&gt;</c>. The user's organization becomes the
/// <c>organization</c> claim the SDK reads. Failures answer 401 with the API's JSON error envelope.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SampleDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string OrganizationClaim = "organization";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        string token = header["Token ".Length..].Trim();
        string hash = ApiTokens.Hash(token);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(candidate => candidate.TokenHash == hash, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("Invalid token.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(user, SchemeName), SchemeName));
    }

    public static ClaimsPrincipal Principal(Domain.User user, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Username),
            new Claim(OrganizationClaim, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        scheme));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        string detail = Request.Headers.Authorization.Count == 0
            ? "Authentication credentials were not provided."
            : "Invalid token.";
        // As Django REST framework's TokenAuthentication answers: the scheme a client should retry with.
        Response.Headers.WWWAuthenticate = SchemeName;
        return new ApiError(StatusCodes.Status401Unauthorized, detail).WriteAsync(Response);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        new ApiError(StatusCodes.Status403Forbidden, "You do not have permission to perform this action.").WriteAsync(Response);
}
