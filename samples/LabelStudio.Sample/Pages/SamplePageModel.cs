using System.Globalization;
using System.Security.Claims;
using LabelStudio.Sample.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LabelStudio.Sample.Pages;

/// <summary>The signed-in user's organization and id, for pages.</summary>
public abstract class SamplePageModel : PageModel
{
    protected long OrganizationId => long.Parse(User.FindFirst(TokenAuthenticationHandler.OrganizationClaim)!.Value, CultureInfo.InvariantCulture);

    protected long UserId => long.Parse(User.FindFirst(ClaimTypes.NameIdentifier)!.Value, CultureInfo.InvariantCulture);
}
