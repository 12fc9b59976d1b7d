using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Store;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Hosting;

/// <summary><c>AddHooks()</c> returns the runtime's builder, which the catalogues and the projects hang off.</summary>
public sealed class HooksBuilderTests
{
    [Fact]
    public void Catalogues_and_projects_hang_off_the_builder_of_the_apps_services()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());

        IHooksBuilder builder = services.AddHooks().AddTestActions().AddProjects(WebhookProjects.None);

        Assert.Same(services, builder.Services);
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<WebhookActionRegistry>().TryGetAction(TestActions.ItemCreated, out _));
        Assert.Same(WebhookProjects.None, provider.GetRequiredService<IWebhookProjects>());
    }

    [Fact]
    public void The_apps_projects_are_scoped()
    {
        var services = new ServiceCollection();

        services.AddHooks().AddProjects<TestProjects>();

        ServiceDescriptor projects = Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IWebhookProjects));
        Assert.Equal((ServiceLifetime.Scoped, typeof(TestProjects)), (projects.Lifetime, projects.ImplementationType));
    }
}
