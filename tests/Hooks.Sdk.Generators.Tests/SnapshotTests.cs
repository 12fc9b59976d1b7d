using Hooks.Sdk.Generators.Emit;
using Hooks.Sdk.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>The generated source, checked against snapshots and compiled with System.Text.Json's generator beside it.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(nameof(TestSources.LabelStudio), TestSources.LabelStudio, "LabelStudio.LabelStudioActions.WebhookActions.g.cs")]
    [InlineData(nameof(TestSources.OneAction), TestSources.OneAction, "MyApp.MyActions.WebhookActions.g.cs")]
    [InlineData(nameof(TestSources.NestedAndOrganizationOnly), TestSources.NestedAndOrganizationOnly, "Shop.Webhooks.ShopActions.WebhookActions.g.cs")]
    public void Generates_the_expected_source_that_compiles_cleanly(string name, string source, string hintName)
    {
        (GeneratorRunResult result, Compilation output) = TestHelpers.Run(source);

        Assert.Empty(result.Diagnostics);
        AssertCompilesCleanly(output);
        GeneratedSourceResult generated = Assert.Single(result.GeneratedSources);
        Assert.Equal(hintName, generated.HintName);
        AssertReadable(generated.SourceText.ToString());
        Snapshot.Match(generated.SourceText.ToString(), name);
    }

    [Fact]
    public void A_failure_while_rendering_is_reported_not_thrown()
    {
        GeneratorRunResult result = TestHelpers.CreateDriver(trackSteps: true)
            .RunGenerators(TestHelpers.CreateCompilation(TestSources.OneAction)).GetRunResult().Results.Single();
        var model = (CatalogueModel)result.TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;
        // A template that names a variable the model lacks: Scriban throws at render time, as a template bug would.
        Scriban.Template broken = CatalogueEmitter.Parse("{{ NoSuchMember }}", "Broken.scriban");

        bool rendered = CatalogueEmitter.TryRender(() => broken, model, out string source, out string error);

        Assert.False(rendered);
        Assert.Equal("", source);
        Assert.Contains("NoSuchMember", error);
        Assert.True(CatalogueEmitter.TryRender(model, out string real, out _));
        Assert.Contains("partial class MyActions", real);
    }

    [Fact]
    public void Two_catalogues_in_one_compilation_generate_one_file_each()
    {
        (GeneratorRunResult result, Compilation output) = TestHelpers.Run(TestSources.BillingActions, TestSources.SupportActions);

        Assert.Empty(result.Diagnostics);
        AssertCompilesCleanly(output);
        Assert.Equal(
            ["Billing.BillingActions.WebhookActions.g.cs", "Support.SupportActions.WebhookActions.g.cs"],
            result.GeneratedSources.Select(source => source.HintName).Order());
        foreach (GeneratedSourceResult generated in result.GeneratedSources)
        {
            Snapshot.Match(generated.SourceText.ToString(), "TwoCatalogues." + generated.HintName.Split('.')[0]);
        }
    }

    /// <summary>Every generated type is marked as generated, and no line is longer than 150 characters.</summary>
    private static void AssertReadable(string source)
    {
        string[] lines = source.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 150, $"a generated line has {line.Length} characters: {line}"));
        for (int index = 0; index < lines.Length; index++)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(lines[index], @"^\s*(public|internal|private) (static |sealed )*class "))
            {
                Assert.StartsWith("[global::System.CodeDom.Compiler.GeneratedCode(\"Hooks.Sdk.Generators\", ", lines[index - 1].TrimStart());
            }
        }
    }

    private static void AssertCompilesCleanly(Compilation output)
    {
        Diagnostic[] problems = output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(problem => problem.ToString())));
    }
}
