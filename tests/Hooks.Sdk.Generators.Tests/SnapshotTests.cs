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
        Snapshot.Match(generated.SourceText.ToString(), name);
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

    private static void AssertCompilesCleanly(Compilation output)
    {
        Diagnostic[] problems = output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(problem => problem.ToString())));
    }
}
