using Hooks.Sdk.Catalogue;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>Every declaration diagnostic, at the token it names.</summary>
public sealed class DiagnosticTests
{
    private const string Models = """
        using System;
        using System.Text.Json.Serialization;
        using Hooks.Sdk.Catalogue;

        public sealed class Project { public int Id { get; set; } }
        public sealed class Item { public int Id { get; set; } public Project? Project { get; set; } public long ProjectId { get; set; } public Detail? Detail { get; set; } public string Name { get; set; } = ""; }
        public sealed class Detail { public int Id { get; set; } }
        public sealed class NoId { public string Name { get; set; } = ""; }
        public sealed class StringId { public string Id { get; set; } = ""; }
        public sealed class GuidProject { public Guid Id { get; set; } }
        public sealed class Unlisted { public int Id { get; set; } }

        [JsonSerializable(typeof(Item))]
        [JsonSerializable(typeof(Project))]
        [JsonSerializable(typeof(NoId))]
        [JsonSerializable(typeof(StringId))]
        [JsonSerializable(typeof(GuidProject))]
        public partial class AppJson : JsonSerializerContext;

        """;

    [Fact]
    public Task HOOK001_class_not_partial() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public static class {|HOOK001:Actions|}
        {
            [WebhookAction("Thing", Key = "thing")]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK001_containing_type_not_partial() => GeneratorVerifier.VerifyAsync(Models + """
        public static class {|HOOK001:Outer|}
        {
            [WebhookActions]
            public static partial class Actions
            {
                [WebhookAction("Thing", Key = "thing")]
                public const string Thing = "THING";
            }
        }
        """);

    [Fact]
    public Task HOOK002_action_not_const_string() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing")]
            public static readonly string {|HOOK002:Thing|} = "THING";

            [WebhookAction("Number", Key = "number")]
            public const int {|HOOK002:Number|} = 4;
        }
        """);

    [Fact]
    public Task HOOK003_duplicate_action_in_one_class() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing")]
            public const string Thing = "THING";

            [WebhookAction("Thing again", Key = "thing")]
            public const string ThingAgain = {|HOOK003:"THING"|};
        }
        """);

    [Fact]
    public async Task HOOK003_duplicate_action_across_partial_parts()
    {
        var test = new GeneratorVerifier(Models + """
            [WebhookActions]
            public static partial class Actions
            {
                [WebhookAction("Thing", Key = "thing")]
                public const string Thing = "THING";
            }
            """);
        test.TestState.Sources.Add("""
            using Hooks.Sdk.Catalogue;

            public static partial class Actions
            {
                [WebhookAction("Thing again", Key = "thing")]
                public const string ThingAgain = {|HOOK003:"THING"|};
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task HOOK003_duplicate_action_across_classes()
    {
        var test = new GeneratorVerifier(Models + """
            [WebhookActions]
            public static partial class AActions
            {
                [WebhookAction("Thing", Key = "thing")]
                public const string Thing = "THING";
            }
            """);
        test.TestState.Sources.Add("""
            using Hooks.Sdk.Catalogue;

            [WebhookActions]
            public static partial class BActions
            {
                [WebhookAction("Thing", Key = "thing")]
                public const string Thing = {|HOOK003:"THING"|};
            }
            """);
        await test.RunAsync();
    }

    [Theory]
    [InlineData("thing")]
    [InlineData("1THING")]
    [InlineData("THING-X")]
    [InlineData("")]
    [InlineData("_THING")]
    public Task HOOK004_invalid_action_name(string name) => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing")]
            public const string Thing = {|HOOK004:"{{name}}"|};
        }
        """);

    [Fact]
    public Task HOOK004_action_name_over_128_characters() => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing")]
            public const string Thing = {|HOOK004:"{{new string('A', 129)}}"|};

            [WebhookAction("Longest", Key = "thing")]
            public const string Longest = "{{new string('B', 128)}}";
        }
        """);

    [Fact]
    public Task HOOK005_empty_name() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction({|HOOK005:" "|}, Key = "thing")]
            public const string Thing = "THING";
        }
        """);

    [Theory]
    [InlineData("Key = {|HOOK006:\"\"|}")]
    [InlineData("Key = {|HOOK006:\"my key\"|}")]
    [InlineData("Key = {|HOOK006:\"a.b\"|}")]
    [InlineData("Key = {|HOOK006:\"9lives\"|}")]
    [InlineData("Key = {|HOOK006:\"action\"|}")]
    public Task HOOK006_key_not_a_plain_member_name(string key) => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", {{key}})]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK006_missing_key() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public static partial class Actions
        {
            [{|HOOK006:WebhookAction("Thing")|}]
            public const string Thing = "THING";
        }
        """);

    [Theory]
    [InlineData("Project = {|HOOK007:\"Missing\"|}")]
    [InlineData("Project = {|HOOK007:\"Project.Missing\"|}")]
    [InlineData("Project = {|HOOK007:\"Name\"|}")]
    [InlineData("Project = {|HOOK007:\"Detail..Id\"|}")]
    public Task HOOK007_project_path_not_found_or_without_id(string project) => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(Item), {{project}})]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK007_self_project_needs_an_integer_id() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(GuidProject), Project = {|HOOK007:WebhookProject.Self|})]
            public const string Thing = "THING";
        }
        """);

    [Theory]
    [InlineData("NoId")]
    [InlineData("StringId")]
    public Task HOOK008_model_without_usable_id(string model) => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = {|HOOK008:typeof({{model}})|})]
            public const string Thing = "THING";
        }
        """);

    [Theory]
    [InlineData("[WebhookNestedField(\"detail\", {|HOOK009:\"Missing\"|})]")]
    [InlineData("[WebhookNestedField({|HOOK009:\"project\"|}, \"Project\")]")]
    [InlineData("[WebhookNestedField({|HOOK009:\"thing\"|}, \"Project\")]")]
    [InlineData("[WebhookNestedField({|HOOK009:\"a-b\"|}, \"Project\")]")]
    [InlineData("[WebhookNestedField(\"p\", \"Project\")][WebhookNestedField({|HOOK009:\"p\"|}, \"Project\")]")]
    public Task HOOK009_nested_field_invalid(string nested) => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(Item))]
            {{nested}}
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK010_model_missing_from_json_context() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = {|HOOK010:typeof(Unlisted)|})]
            public const string Thing = "THING";

            [WebhookAction("Gone", Key = "things", Model = typeof(Unlisted), Many = true, OnlyIds = true)]
            public const string Gone = "GONE";
        }
        """);

    [Fact]
    public Task HOOK010_nested_type_missing_from_json_context() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(Item))]
            [WebhookNestedField("detail", {|HOOK010:"Detail"|})]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK011_model_without_json_context() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = {|HOOK011:typeof(Item)|})]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK011_json_context_not_a_context() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = {|HOOK011:typeof(Item)|})]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(Item))]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK012_generic_class() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions]
        public partial class {|HOOK012:Actions|}<T>
        {
            [WebhookAction("Thing", Key = "thing")]
            public const string Thing = "THING";
        }
        """);

    [Theory]
    [InlineData("Many = {|HOOK013:true|}")]
    [InlineData("OnlyIds = {|HOOK013:true|}")]
    [InlineData("Project = {|HOOK013:\"ProjectId\"|}")]
    public Task HOOK013_option_without_model(string option) => GeneratorVerifier.VerifyAsync(Models + $$"""
        [WebhookActions]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", {{option}})]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK013_nested_fields_on_an_ids_only_action() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "things", Model = typeof(Item), Many = true, OnlyIds = true)]
            [{|HOOK013:WebhookNestedField("owner", "Project")|}]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task HOOK014_organization_only_with_project() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(Item), OrganizationOnly = true, Project = {|HOOK014:"Project"|})]
            public const string Thing = "THING";
        }
        """);

    [Fact]
    public Task Valid_declarations_report_nothing() => GeneratorVerifier.VerifyAsync(Models + """
        [WebhookActions(JsonContext = typeof(AppJson))]
        public static partial class Actions
        {
            [WebhookAction("Thing", Key = "thing", Model = typeof(Item), Project = "Project")]
            public const string Thing = "THING";

            [WebhookAction("Things", Key = "things", Model = typeof(Item), Many = true, Project = "ProjectId")]
            [WebhookNestedField("owner", "Project")]
            public const string Things = "THINGS";

            [WebhookAction("Things gone", Key = "things", Model = typeof(Item), Many = true, OnlyIds = true, Project = "Project.Id")]
            public const string ThingsGone = "THINGS_GONE";

            [WebhookAction("Something happened", Key = "something")]
            public const string SomethingHappened = "SOMETHING_HAPPENED";
        }
        """);
}
