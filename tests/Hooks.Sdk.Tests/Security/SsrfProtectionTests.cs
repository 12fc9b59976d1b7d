using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Security;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Tests.Security;

/// <summary>SSRF protection: on by default, at create/update and on the address actually dialled.</summary>
public sealed class SsrfProtectionTests
{
    private static WebhookAddressPolicy Policy(Action<WebhookOptions>? configure = null)
    {
        var options = new WebhookOptions();
        configure?.Invoke(options);
        return new WebhookAddressPolicy(Options.Create(options));
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://198.18.0.1/")]
    [InlineData("http://[64:ff9b::7f00:1]/")]
    [InlineData("http://[2002:7f00:1::]/")]
    [InlineData("http://[::127.0.0.1]/")]
    [InlineData("http://[::ffff:0:127.0.0.1]/")]
    public async Task Internal_addresses_in_any_spelling_are_refused(string url)
    {
        string? refusal = await Policy().CheckUrlAsync(new Uri(url), CancellationToken.None);

        Assert.StartsWith("URL resolves to a reserved network address (block: ", refusal);
    }

    [Fact]
    public async Task A_reserved_range_refusal_names_the_setting_that_allows_it_and_an_own_banned_subnet_does_not()
    {
        Assert.Equal(
            "URL resolves to a reserved network address (block: 10.0.0.0/8); to allow it, add 10.0.0.0/8 or a subnet of it to Hooks:AllowedSubnets (WebhookOptions.AllowedSubnets)",
            await Policy().CheckUrlAsync(new Uri("http://[::ffff:10.1.2.3]/"), CancellationToken.None));
        Assert.EndsWith("; to allow it, add fe80::/10 or a subnet of it to MY_ALLOWED_SUBNETS",
            Policy(options => options.AllowedSubnetsSetting = "MY_ALLOWED_SUBNETS").Refusal(IPAddress.Parse("fe80::1")));
        Assert.Equal("URL resolves to a reserved network address (block: 93.184.216.0/24)",
            Policy(options => options.BannedSubnets.Add("93.184.216.0/24")).Refusal(IPAddress.Parse("93.184.216.34")));
    }

    /// <summary>
    /// Every entry of IANA's IPv4 and IPv6 special-purpose address registries (as of 2025), and the two IPv6 forms that
    /// carry an IPv4 address without being mapped (IPv4-compatible and SIIT): the first and the last address of each.
    /// </summary>
    public static TheoryData<string> SpecialPurposeRanges => new(
        "0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32", "192.0.0.171/32",
        "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32",
        "::1/128", "::/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/23", "2001::/32",
        "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:2::/48", "2001:3::/32", "2001:4:112::/48", "2001:10::/28",
        "2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20", "5f00::/16",
        "fc00::/7", "fe80::/10",
        "::/96", "::ffff:0:0:0/96");

    [Theory]
    [MemberData(nameof(SpecialPurposeRanges))]
    public void Every_special_purpose_range_is_refused_from_its_first_to_its_last_address(string cidr)
    {
        WebhookAddressPolicy policy = Policy();
        IPNetwork network = IPNetwork.Parse(cidr);
        byte[] last = network.BaseAddress.GetAddressBytes();
        for (int bit = network.PrefixLength; bit < last.Length * 8; bit++)
        {
            last[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        Assert.NotNull(policy.Refusal(network.BaseAddress));
        Assert.NotNull(policy.Refusal(new IPAddress(last)));
    }

    [Theory]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")]
    [InlineData("https://receiver.invalid/hook")]
    public async Task Public_addresses_and_names_that_do_not_resolve_yet_are_accepted(string url) =>
        Assert.Null(await Policy().CheckUrlAsync(new Uri(url), CancellationToken.None));

    [Fact]
    public async Task Allowed_subnets_win_extra_banned_subnets_add_and_the_switch_turns_it_off()
    {
        Assert.Null(await Policy(options => options.AllowedSubnets.Add("10.0.0.0/24")).CheckUrlAsync(new Uri("http://10.0.0.7/"), default));
        Assert.NotNull(await Policy(options => options.AllowedSubnets.Add("10.0.0.0/24")).CheckUrlAsync(new Uri("http://10.0.1.7/"), default));
        Assert.Equal("URL resolves to a reserved network address (block: 93.184.216.0/24)",
            await Policy(options => options.BannedSubnets.Add("93.184.216.0/24")).CheckUrlAsync(new Uri("http://93.184.216.34/"), default));
        Assert.Null(await Policy(options => options.SsrfProtection = false).CheckUrlAsync(new Uri("http://127.0.0.1/"), default));
        Assert.Equal("Only https:// URLs are allowed.", await Policy(options => options.HttpsOnly = true).CheckUrlAsync(new Uri("http://93.184.216.34/"), default));
        Assert.Throws<FormatException>(() => Policy(options => options.AllowedSubnets.Add("not a subnet")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/webhook")]
    [InlineData("http://2130706433/")]
    [InlineData("http://localhost/")]
    [InlineData("http://[::ffff:192.168.0.1]/")]
    public async Task The_api_refuses_internal_urls_with_400_on_create_and_update(string url)
    {
        await using TestApp app = await TestApp.StartAsync(options => options.AllowedSubnets.Clear());
        HttpClient client = app.Client(1);
        TestProject project = await app.AddProjectAsync(1);

        HttpResponseMessage created = await client.PostAsJsonAsync("/api/webhooks/", new { project = project.Id, url });
        HttpResponseMessage good = await client.PostAsJsonAsync("/api/webhooks/", new { project = project.Id, url = "https://93.184.216.34/hook" });
        long id = (long)(await good.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        HttpResponseMessage updated = await client.PatchAsJsonAsync($"/api/webhooks/{id}/", new { url });

        foreach (HttpResponseMessage response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            JsonObject error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.StartsWith("URL resolves to a reserved network address", (string?)error["validation_errors"]!["url"]![0]);
        }
        Assert.Single((await client.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!);
        Assert.Equal("https://93.184.216.34/hook", (await app.FindWebhookAsync(id))!.Url);
    }

    [Fact]
    public async Task A_stored_url_that_now_resolves_inward_is_refused_at_connect_time_and_counted_as_a_failure()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await TestApp.StartAsync(options => options.AllowedSubnets.Clear());
        // Stored directly, as a record saved before the name was re-pointed (DNS rebinding) would be.
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url().Replace("127.0.0.1", "localhost"));

        WebhookDeliveryResult result = await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(webhook, "MAINTENANCE", null));

        Assert.Empty(receiver.Requests);
        Assert.Null(result.StatusCode);
        Assert.StartsWith("Refused by SSRF protection: localhost resolves to", result.Error);
        Assert.Equal(1, (await app.FindWebhookAsync(webhook.Id))!.ConsecutiveFailures);
        Assert.Contains(app.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("Refused by SSRF protection"));
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_not_followed()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        };
        await using TestApp app = await TestApp.StartAsync();
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url());

        WebhookDeliveryResult result = await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(webhook, "MAINTENANCE", null));

        Assert.Equal(307, result.StatusCode);
        Assert.False(result.Succeeded);
        Assert.Single(receiver.Requests);
    }
}
