using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LabelStudio.Sample.Tests;

/// <summary>The web page's defences: logout works with its antiforgery token, nothing can frame a page, logins are throttled.</summary>
public sealed partial class WebPageSecurityTests
{
    private const string Password = "bootstrap-password";

    [Fact]
    public async Task Log_out_works_from_the_pages_own_form()
    {
        await using var sample = new SampleFactory();
        HttpClient browser = sample.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(browser, SampleFactory.Username, Password)).StatusCode);
        string projects = await browser.GetStringAsync("/projects");

        HttpResponseMessage loggedOut = await browser.PostAsync("/user/logout", Form(("__RequestVerificationToken", TokenIn(projects))));

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal("/user/login", loggedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/projects")).StatusCode);
    }

    [Theory]
    [InlineData("/user/login")]
    [InlineData("/api/projects/")]
    public async Task Every_answer_forbids_framing_and_sniffing(string path)
    {
        await using var sample = new SampleFactory();

        HttpResponseMessage response = await sample.Client().GetAsync(path);

        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Ten_wrong_passwords_for_a_user_from_ten_addresses_make_the_right_one_wait()
    {
        await using var sample = new SampleFactory();
        for (int address = 1; address <= 10; address++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await LogInFromAsync(sample, $"10.0.0.{address}", SampleFactory.Username, "wrong")).Response.StatusCode);
        }

        HttpContext right = await LogInFromAsync(sample, "10.0.0.11", SampleFactory.Username, Password);

        Assert.Equal(StatusCodes.Status429TooManyRequests, right.Response.StatusCode);
        Assert.Contains("Too many login attempts", await new StreamReader(right.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        // Another user is not held back by it.
        Assert.Equal(StatusCodes.Status200OK, (await LogInFromAsync(sample, "10.0.0.12", "someone@example.com", "wrong")).Response.StatusCode);
    }

    [Fact]
    public async Task Ten_logins_from_one_address_make_the_next_wait_whatever_the_user()
    {
        await using var sample = new SampleFactory();
        for (int user = 1; user <= 10; user++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await LogInFromAsync(sample, "10.0.0.1", $"user{user}@example.com", "wrong")).Response.StatusCode);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, (await LogInFromAsync(sample, "10.0.0.1", SampleFactory.Username, Password)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status302Found, (await LogInFromAsync(sample, "10.0.0.2", SampleFactory.Username, Password)).Response.StatusCode);
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient browser, string username, string password)
    {
        string page = await browser.GetStringAsync("/user/login");
        return await browser.PostAsync("/user/login", Form(("Username", username), ("Password", password), ("__RequestVerificationToken", TokenIn(page))));
    }

    /// <summary>A login POST as it comes from <paramref name="address"/>, with the antiforgery pair of a GET from there.</summary>
    private static async Task<HttpContext> LogInFromAsync(SampleFactory sample, string address, string username, string password)
    {
        HttpContext page = await sample.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/user/login";
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        string html = await new StreamReader(page.Response.Body).ReadToEndAsync();
        string cookies = string.Join("; ", page.Response.Headers.SetCookie.Select(cookie => cookie!.Split(';')[0]));
        byte[] form = Encoding.UTF8.GetBytes($"Username={Uri.EscapeDataString(username)}&Password={Uri.EscapeDataString(password)}&__RequestVerificationToken={Uri.EscapeDataString(TokenIn(html))}");
        return await sample.Server.SendAsync(context =>
        {
            context.Request.Method = "POST";
            context.Request.Path = "/user/login";
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Headers.Cookie = cookies;
            context.Request.Body = new MemoryStream(form);
            context.Request.ContentLength = form.Length;
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    private static string TokenIn(string html) => VerificationToken().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value)
        : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)"|type="hidden" name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex VerificationToken();
}
