using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Hooks.Sdk.Identity;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Tests.Api;

/// <summary><see cref="WebhookOptions.SingleOrganizationId"/>: an app without tenants needs no organization claim.</summary>
public sealed class SingleOrganizationTests
{
    [Fact]
    public async Task Every_authenticated_caller_acts_for_the_single_organization_whatever_its_claims_say()
    {
        await using TestApp app = await TestApp.StartAsync(options => options.SingleOrganizationId = 3);

        // The test scheme puts "organization: 9" (and then 7) into the principal: the option wins over the claim.
        HttpResponseMessage created = await app.Client(9).PostAsJsonAsync("/api/webhooks/", new { url = "https://example.com/hook" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["organization"]!);
        JsonArray seenByAnother = (await app.Client(7).GetFromJsonAsync<JsonArray>("/api/webhooks/"))!;
        Assert.Equal(["https://example.com/hook"], seenByAnother.Select(webhook => (string?)webhook!["url"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(null).GetAsync("/api/webhooks/")).StatusCode);
    }

    [Fact]
    public void The_default_accessor_gives_an_authenticated_caller_without_claims_the_single_organization_and_an_anonymous_one_none()
    {
        var accessor = new ClaimsOrganizationAccessor(Options.Create(new WebhookOptions { SingleOrganizationId = 1 }));
        var signedIn = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ada")], "Bearer")) };
        var anonymous = new DefaultHttpContext();

        Assert.Equal(1, accessor.GetOrganizationId(signedIn));
        Assert.Null(accessor.GetOrganizationId(anonymous));
        // Without the option, the same caller has no organization: it carries no organization claim.
        Assert.Null(new ClaimsOrganizationAccessor(Options.Create(new WebhookOptions())).GetOrganizationId(signedIn));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void A_single_organization_that_is_not_positive_is_refused(long id)
    {
        using ServiceProvider services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddHooks(options => options.SingleOrganizationId = id)
            .Services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookOptions>>().Value);

        Assert.Contains("Hooks:SingleOrganizationId must be a positive organization id", exception.Message);
    }
}
