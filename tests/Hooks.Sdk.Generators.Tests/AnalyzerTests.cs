using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Generators.Analyzers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>HOOK020-HOOK024: the webhook filters, as MVC attributes and as endpoint helpers.</summary>
public sealed class AnalyzerTests
{
    private const string Catalogue = """
        using Hooks.Sdk.Catalogue;
        using Hooks.Sdk.Filters;
        using Microsoft.AspNetCore.Mvc;

        public sealed class Thing { public int Id { get; set; } }

        [WebhookActions]
        public static partial class AppActions
        {
            [WebhookAction("Thing created", Key = "thing", Model = typeof(Thing))]
            public const string ThingCreated = "THING_CREATED";

            [WebhookAction("Thing deleted", Key = "thing", Model = typeof(Thing), OnlyIds = true)]
            public const string ThingDeleted = "THING_DELETED";
        }

        """;

    /// <summary>A catalogue with each kind of action (a model, ids only, raw), and minimal API usings.</summary>
    private const string KindsCatalogue = """
        using Hooks.Sdk.Catalogue;
        using Hooks.Sdk.Filters;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public sealed class Thing { public int Id { get; set; } }

        public static partial class Outer
        {
            public static partial class Inner
            {
                // Only the analyzer runs here: the generator, which would ask for a JsonContext, does not.
                [WebhookActions]
                public static partial class AppActions
                {
                    [WebhookAction("Thing created", Key = "thing", Model = typeof(Thing))]
                    public const string ThingCreated = "THING_CREATED";

                    [WebhookAction("Thing deleted", Key = "thing", Model = typeof(Thing), OnlyIds = true)]
                    public const string ThingDeleted = "THING_DELETED";

                    [WebhookAction("Something happened", Key = "something")]
                    public const string SomethingHappened = "SOMETHING_HAPPENED";
                }
            }
        }

        """;

    [Fact]
    public Task HOOK020_unknown_action() => VerifyAsync(Catalogue + """
        public sealed class ThingsController : ControllerBase
        {
            [HttpPost, ApiWebhook({|HOOK020:"THING_CRATED"|})]
            public IActionResult Create() => Ok();

            [HttpDelete("{id}"), ApiWebhookForDelete({|HOOK020:"NOPE"|})]
            public IActionResult Delete(int id) => NoContent();
        }
        """);

    [Fact]
    public Task HOOK020_known_actions_by_constant_or_literal_report_nothing() => VerifyAsync(Catalogue + """
        public sealed class ThingsController : ControllerBase
        {
            [HttpPost, ApiWebhook(AppActions.ThingCreated)]
            public IActionResult Create() => Ok();

            [HttpPatch("{id}"), ApiWebhook("THING_CREATED")]
            public IActionResult Patch(int id) => Ok();

            [HttpDelete("{id}"), ApiWebhookForDelete(AppActions.ThingDeleted)]
            public IActionResult Delete(int id) => NoContent();
        }
        """);

    [Fact]
    public Task HOOK020_unknown_action_in_the_endpoint_helpers() => VerifyAsync(KindsCatalogue + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/things", () => Results.Ok()).WithApiWebhook({|HOOK020:"THING_CRATED"|});
                app.MapDelete("/things/{id}", (int id) => Results.NoContent()).WithApiWebhookForDelete({|HOOK020:"NOPE"|});
                app.MapDelete("/others/{key}", (int key) => Results.NoContent())
                    .WithApiWebhookForDelete(routeParameter: "key", action: {|HOOK020:"NOPE"|});
            }
        }
        """);

    [Fact]
    public Task Endpoint_helpers_with_declared_actions_of_the_right_kind_report_nothing() => VerifyAsync(KindsCatalogue + """
        public static class Endpoints
        {
            public static void Map(WebApplication app, string computed)
            {
                app.MapPost("/things", () => Results.Ok()).WithApiWebhook(Outer.Inner.AppActions.ThingCreated);
                app.MapPut("/things/{id}", (int id) => Results.Ok()).WithApiWebhook("THING_CREATED");
                app.MapDelete("/things/{id}", (int id) => Results.NoContent()).WithApiWebhookForDelete(Outer.Inner.AppActions.ThingDeleted);
                // Not a constant: the analyzer cannot tell, so it says nothing.
                app.MapPost("/computed", () => Results.Ok()).WithApiWebhook(computed);
            }
        }
        """);

    [Fact]
    public Task HOOK023_reload_filter_on_a_raw_action() => VerifyAsync(KindsCatalogue + """
        public sealed class ThingsController : ControllerBase
        {
            [HttpPost, ApiWebhook({|HOOK023:Outer.Inner.AppActions.SomethingHappened|})]
            public IActionResult Create() => Ok();
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/things", () => Results.Ok()).WithApiWebhook({|HOOK023:"SOMETHING_HAPPENED"|});
        }
        """);

    [Fact]
    public Task HOOK024_delete_filter_on_an_action_that_is_not_ids_only() => VerifyAsync(KindsCatalogue + """
        public sealed class ThingsController : ControllerBase
        {
            [HttpDelete("{id}"), ApiWebhookForDelete({|HOOK024:Outer.Inner.AppActions.ThingCreated|})]
            public IActionResult Delete(int id) => NoContent();

            [HttpDelete("raw/{id}"), ApiWebhookForDelete({|HOOK024:Outer.Inner.AppActions.SomethingHappened|})]
            public IActionResult DeleteRaw(int id) => NoContent();
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapDelete("/things/{id}", (int id) => Results.NoContent()).WithApiWebhookForDelete({|HOOK024:"THING_CREATED"|});
        }
        """);

    [Fact]
    public Task HOOK021_api_webhook_on_delete() => VerifyAsync(Catalogue + """
        public sealed class ThingsController : ControllerBase
        {
            [HttpDelete("{id}"), {|HOOK021:ApiWebhook(AppActions.ThingDeleted)|}]
            public IActionResult Delete(int id) => NoContent();

            [AcceptVerbs("DELETE"), {|HOOK021:ApiWebhook(AppActions.ThingDeleted)|}]
            public IActionResult Remove(int id) => NoContent();
        }
        """);

    [Fact]
    public Task HOOK022_api_webhook_for_delete_on_other_verbs() => VerifyAsync(Catalogue + """
        public sealed class ThingsController : ControllerBase
        {
            [HttpPost, {|HOOK022:ApiWebhookForDelete(AppActions.ThingDeleted)|}]
            public IActionResult Create() => Ok();

            [HttpPut("{id}"), {|HOOK022:ApiWebhookForDelete(AppActions.ThingDeleted)|}]
            public IActionResult Put(int id) => Ok();

            // No verb attribute: the analyzer cannot tell, so it says nothing.
            [ApiWebhookForDelete(AppActions.ThingDeleted)]
            public IActionResult Unrouted(int id) => Ok();
        }
        """);

    [Fact]
    public async Task HOOK020_knows_actions_declared_in_a_referenced_assembly()
    {
        var library = TestHelpers.CreateCompilation(Catalogue.Replace("public static partial class AppActions", "public static partial class LibraryActions"));
        var test = new CSharpAnalyzerTest<ApiWebhookUsageAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestHelpers.Net100,
            TestState = { Sources = { """
                using Hooks.Sdk.Filters;
                using Microsoft.AspNetCore.Mvc;

                public sealed class ThingsController : ControllerBase
                {
                    [HttpPost, ApiWebhook("THING_CREATED")]
                    public IActionResult Create() => Ok();

                    [HttpPost("other"), ApiWebhook({|HOOK020:"OTHER_THING"|})]
                    public IActionResult Other() => Ok();
                }
                """ } },
        };
        test.TestState.AdditionalReferences.Add(typeof(WebhookActionsAttribute).Assembly);
        test.TestState.AdditionalReferences.Add(library.ToMetadataReference());
        await test.RunAsync();
    }

    private static Task VerifyAsync(string source)
    {
        var test = new CSharpAnalyzerTest<ApiWebhookUsageAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestHelpers.Net100,
            TestState = { Sources = { source } },
        };
        test.TestState.AdditionalReferences.Add(typeof(WebhookActionsAttribute).Assembly);
        return test.RunAsync();
    }
}
