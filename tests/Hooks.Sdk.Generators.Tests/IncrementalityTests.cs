using System.Collections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>The pipeline re-runs only what an edit touches, and its values hold no Roslyn objects.</summary>
public sealed class IncrementalityTests
{
    /// <summary>
    /// The steps whose values must be equatable data. The two before them, <see cref="TrackingNames.Declarations"/> and
    /// <see cref="TrackingNames.KnownTypes"/>, carry the semantic model and symbols to the parse by design.
    /// </summary>
    private static readonly string[] TrackedSteps = [TrackingNames.Parse, TrackingNames.Models, TrackingNames.Diagnostics, TrackingNames.Duplicates];

    [Fact]
    public void The_known_types_are_resolved_once_per_compilation_for_every_catalogue()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(
            TestSources.LabelStudio, TestSources.NestedAndOrganizationOnly, TestSources.SupportActions, TestSources.BillingActions);
        GeneratorRunResult result = TestHelpers.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(4, result.TrackedSteps[TrackingNames.Declarations].Length);
        Assert.Single(Assert.Single(result.TrackedSteps[TrackingNames.KnownTypes]).Outputs);
        Assert.Equal(4, result.GeneratedSources.Length);
    }

    [Fact]
    public void Running_twice_on_the_same_compilation_caches_every_step()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(TestSources.LabelStudio);
        GeneratorDriver driver = TestHelpers.CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void An_unrelated_edit_regenerates_nothing()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(TestSources.LabelStudio, TestSources.SupportActions, TestSources.WithProblems);
        GeneratorDriver driver = TestHelpers.CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace LabelStudio; internal static class Unrelated { public const int Answer = 42; }", TestHelpers.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            Assert.True(first.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
            Assert.NotEmpty(Reasons(second, step));
        }
        AssertAllCached(second);
    }

    [Fact]
    public void Editing_one_action_regenerates_only_its_catalogue()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(TestSources.LabelStudio, TestSources.SupportActions);
        GeneratorDriver driver = TestHelpers.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree support = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("SupportActions"));
        SyntaxTree changed = support.WithChangedText(SourceText.From(TestSources.SupportActions.Replace("\"Ticket opened\"", "\"Ticket raised\"")));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(support, changed)).GetRunResult().Results.Single();

        IncrementalStepRunReason[] models = Reasons(second, TrackingNames.Models);
        Assert.Equal(1, models.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        IncrementalStepRunReason[] outputs = second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.Equal(1, outputs.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Contains("Ticket raised", second.GeneratedSources.Single(source => source.HintName.StartsWith("Support")).SourceText.ToString());
    }

    [Fact]
    public void Moving_a_catalogue_down_its_file_keeps_the_generated_source_cached()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(TestSources.SupportActions);
        GeneratorDriver driver = TestHelpers.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree moved = tree.WithChangedText(SourceText.From("// a comment that shifts every line\n\n" + TestSources.SupportActions));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, moved)).GetRunResult().Results.Single();

        Assert.All(Reasons(second, TrackingNames.Models), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"models re-ran: {reason}"));
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        CSharpCompilation compilation = TestHelpers.CreateCompilation(
            TestSources.LabelStudio, TestSources.NestedAndOrganizationOnly, TestSources.SupportActions, TestSources.WithProblems);
        GeneratorRunResult result = TestHelpers.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            foreach ((object value, _) in result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                AssertNoRoslynObjects(value, step, []);
            }
        }
    }

    private static void AssertAllCached(GeneratorRunResult run)
    {
        foreach (string step in TrackedSteps)
        {
            Assert.All(Reasons(run, step), reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} re-ran: {reason}"));
        }
        Assert.All(run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(output => output.Reason).ToArray()
            : [];

    /// <summary>Walks a pipeline value; a symbol, syntax node or compilation in it would defeat caching and keep compilations alive.</summary>
    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }
        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel,
            $"step {step} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, step, seen);
            }
            return;
        }
        foreach (var property in value.GetType().GetProperties().Where(property => property.GetIndexParameters().Length == 0))
        {
            AssertNoRoslynObjects(property.GetValue(value), step, seen);
        }
    }
}
