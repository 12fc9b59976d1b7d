using Hooks.Sdk.Generators.Analyzers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>HOOK020-HOOK022: [ApiWebhook] and [ApiWebhookForDelete] on controller actions.</summary>
public sealed class AnalyzerTests
{
    private const string Catalogue = """
        using Hooks.Sdk;
        using Microsoft.AspNetCore.Mvc;

        [WebhookActions]
        public static partial class AppActions
        {
            [WebhookAction("Thing created", Key = "thing")]
            public const string ThingCreated = "THING_CREATED";

            [WebhookAction("Thing deleted", Key = "thing")]
            public const string ThingDeleted = "THING_DELETED";
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
                using Hooks.Sdk;
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
