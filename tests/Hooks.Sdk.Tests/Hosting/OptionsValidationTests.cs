using Hooks.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Tests.Hosting;

/// <summary>Wrong options fail the host's start, every problem named at once with its setting.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Every_wrong_option_is_named_when_the_host_starts()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddHooks(options =>
        {
            options.Timeout = TimeSpan.Zero;
            options.BatchSize = 0;
            options.RetryJitter = 1.5;
            options.AllowedSubnets.Add("not a cidr");
        });
        using IHost host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["Hooks:Timeout must be positive.", "Hooks:BatchSize must be at least 1.",
                "Hooks:RetrySchedule delays must not be negative and Hooks:RetryJitter must be in [0, 1).",
                "Hooks:AllowedSubnets and Hooks:BannedSubnets must be CIDRs, such as 10.0.0.0/8."],
            exception.Failures);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions()).Succeeded);
    }
}
