using LabelStudio.Sample.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LabelStudio.Sample.Pages.Account;

/// <summary>Cookie login with username and password.</summary>
public sealed class LoginModel(Accounts.Accounts accounts) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromQuery] string? returnUrl)
    {
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
