using LabelStudio.Sample.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace LabelStudio.Sample.Pages.Account;

/// <summary>Cookie login with username and password, throttled per user name and per client address.</summary>
[EnableRateLimiting(LoginThrottle.AddressPolicy)]
public sealed class LoginModel(Accounts.Accounts accounts, LoginThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public const string TooMany = "Too many login attempts; wait a minute and try again.";

    public string? Error { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromQuery] string? returnUrl)
    {
        if (Username is not null && !throttle.TryAttempt(Username))
        {
            Error = TooMany;
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }
        Domain.User? user = Username is null ? null : await accounts.FindAsync(Username, HttpContext.RequestAborted);
        if (user is null || Password is null || !Accounts.Accounts.VerifyPassword(user, Password))
        {
            Error = "Wrong username or password.";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            TokenAuthenticationHandler.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/projects");
    }
}
