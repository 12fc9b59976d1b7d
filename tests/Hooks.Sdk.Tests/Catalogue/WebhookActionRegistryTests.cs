using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.LabelStudioModels;
using Hooks.Sdk.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Catalogue;

public sealed class WebhookActionRegistryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    [InlineData(false)]
    public void Precomputed_info_documents_agree_with_the_descriptors(bool? organizationOnly)
    {
        foreach (WebhookCatalogue catalogue in new[] { LsActions.Catalogue, OtherActions.Catalogue })
        {
            string expected = InfoFromDescriptors(catalogue.Actions, organizationOnly);

            Assert.Equal(expected, JsonNode.Parse(catalogue.GetInfoJson(organizationOnly).Span)!.ToJsonString());
        }
    }

    [Fact]
    public void Catalogue_lists_actions_in_declaration_order_with_their_options()
    {
        Assert.Equal(
            ["PROJECT_CREATED", "PROJECT_UPDATED", "PROJECT_DELETED", "TASKS_CREATED", "TASKS_DELETED", "ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED"],
            LsActions.Catalogue.Actions.Select(action => action.Action));
        Assert.True(LsActions.Catalogue.TryGetAction("ANNOTATIONS_CREATED", out WebhookActionDescriptor? created));
        Assert.Equal(("Annotations created", "annotation", true, false, false, typeof(LsAnnotation), "Task.ProjectId"),
            (created.Name, created.Key, created.Many, created.OrganizationOnly, created.OnlyIds, created.ModelType, created.ProjectPath));
        Assert.Equal(["task"], created.NestedFields);
        Assert.True(LsActions.Catalogue.TryGetAction("PROJECT_DELETED", out WebhookActionDescriptor? deleted));
        Assert.True(deleted.OnlyIds && deleted.OrganizationOnly);
        Assert.False(LsActions.Catalogue.TryGetAction("TASK_CREATED", out _));
        Assert.IsType<WebhookRawAction>(OtherActions.Descriptors.SomethingHappened);
        Assert.Null(OtherActions.Descriptors.SomethingHappened.ModelType);
        Assert.Equal("Line one\nLine two \\ é", OtherActions.Descriptors.Maintenance.Description);
    }

    [Fact]
    public void Registry_merges_catalogues_in_registration_order()
    {
        ServiceProvider services = new ServiceCollection().AddLsActions().AddOtherActions().AddLsActions().BuildServiceProvider();

        WebhookActionRegistry registry = services.GetRequiredService<WebhookActionRegistry>();

        Assert.Equal(LsActions.Catalogue.Actions.Concat(OtherActions.Catalogue.Actions), registry.Actions);
        Assert.True(registry.TryGetAction("SOMETHING_HAPPENED", out WebhookActionDescriptor? raw));
        Assert.Same(OtherActions.Descriptors.SomethingHappened, raw);
        JsonObject all = JsonNode.Parse(registry.GetInfoJson(null).Span)!.AsObject();
        Assert.Equal(registry.Actions.Select(action => action.Action), all.Select(member => member.Key));
        JsonObject organizationOnly = JsonNode.Parse(registry.GetInfoJson(true).Span)!.AsObject();
        Assert.Equal(["PROJECT_CREATED", "PROJECT_DELETED", "MAINTENANCE"], organizationOnly.Select(member => member.Key));
        Assert.Equal("Maintenance \"window\"", (string?)organizationOnly["MAINTENANCE"]!["name"]);
        JsonObject projectLevel = JsonNode.Parse(registry.GetInfoJson(false).Span)!.AsObject();
        Assert.DoesNotContain(projectLevel, member => (bool)member.Value!["organization-only"]!);
        Assert.Equal(all.Count, organizationOnly.Count + projectLevel.Count);
    }

    [Fact]
    public void AddHooks_lists_the_sdks_operator_events_after_the_apps_actions_whichever_is_registered_first()
    {
        var services = new ServiceCollection();
        services.AddOtherActions();
        services.AddHooks();
        services.AddLsActions();

        WebhookActionRegistry registry = services.BuildServiceProvider().GetRequiredService<WebhookActionRegistry>();

        Assert.Equal(OtherActions.Catalogue.Actions.Concat(LsActions.Catalogue.Actions).Concat(HooksActions.Catalogue.Actions), registry.Actions);
    }

    [Fact]
    public void AddHooks_keeps_a_registry_the_app_registered_itself()
    {
        var own = new WebhookActionRegistry([AlertActions.Catalogue]);
        var services = new ServiceCollection();
        services.AddSingleton(own);
        services.AddHooks();

        Assert.Same(own, services.BuildServiceProvider().GetRequiredService<WebhookActionRegistry>());
    }

    [Fact]
    public void Registry_rejects_an_action_declared_by_two_catalogues()
    {
        var clash = new WebhookCatalogue("Tests.Clash", [new WebhookRawAction(new WebhookActionMetadata("MAINTENANCE", "Again", "", "window", false, false, null, []))], "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray());

        var exception = Assert.Throws<InvalidOperationException>(() => new WebhookActionRegistry([OtherActions.Catalogue, clash]));

        Assert.Equal("The webhook action MAINTENANCE is declared by both Hooks.Sdk.Tests.Catalogue.OtherActions and Tests.Clash; rename one of them.", exception.Message);
    }

    [Fact]
    public void Catalogue_rejects_an_action_declared_twice()
    {
        WebhookRawAction action = OtherActions.Descriptors.SomethingHappened;

        var exception = Assert.Throws<ArgumentException>(() => new WebhookCatalogue("Tests.Twice", [action, action], [], [], []));

        Assert.StartsWith("The action SOMETHING_HAPPENED is declared twice in Tests.Twice.", exception.Message);
    }

    [Fact]
    public void Single_catalogue_registry_serves_the_generated_bytes()
    {
        var registry = new WebhookActionRegistry([AlertActions.Catalogue]);

        Assert.True(registry.GetInfoJson(null).Span.SequenceEqual(AlertActions.Catalogue.GetInfoJson(null).Span));
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(registry.GetInfoJson(true).Span));
    }

    /// <summary>The info document built independently, with System.Text.Json, from the runtime descriptors.</summary>
    private static string InfoFromDescriptors(IEnumerable<WebhookActionDescriptor> actions, bool? organizationOnly)
    {
        var document = new JsonObject();
        foreach (WebhookActionDescriptor action in actions.Where(action => organizationOnly is null || action.OrganizationOnly == organizationOnly))
        {
            document[action.Action] = new JsonObject
            {
                ["name"] = action.Name,
                ["description"] = action.Description,
                ["key"] = action.Key,
                ["organization-only"] = action.OrganizationOnly,
                ["opt-in"] = action.OptIn,
            };
        }
        return document.ToJsonString(JsonSerializerOptions.Default);
    }
}
