using Hooks.Sdk.Catalogue;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>
/// Microsoft.CodeAnalysis.Testing's generator test with the framework-neutral verifier, .NET 10 reference assemblies,
/// Hooks.Sdk referenced, and System.Text.Json's generator running too so that generated code compiles.
/// </summary>
internal sealed class GeneratorVerifier : CSharpSourceGeneratorTest<WebhookActionsGenerator, DefaultVerifier>
{
    public GeneratorVerifier(string source)
    {
        ReferenceAssemblies = TestHelpers.Net100;
        TestState.Sources.Add(source);
        TestState.AdditionalReferences.Add(typeof(WebhookActionsAttribute).Assembly);
        // The generated sources are covered by the snapshot tests; these tests are about diagnostics.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() =>
        base.GetSourceGenerators().Concat(TestHelpers.JsonSourceGenerators.Select(generator => generator.GetGeneratorType()));

    public static Task VerifyAsync(string source) => new GeneratorVerifier(source).RunAsync();
}
