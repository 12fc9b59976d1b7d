using System.Collections.Immutable;
using System.Reflection;
using Hooks.Sdk.Catalogue;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>Compilations, drivers and reference assemblies shared by the generator tests; everything resolves offline.</summary>
internal static class TestHelpers
{
    private const string RefPackVersion = "10.0.12";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>.NET and ASP.NET Core reference assemblies from the global packages folder (see the PackageDownload items).</summary>
    public static readonly ReferenceAssemblies Net100 = new ReferenceAssemblies(
            "net10.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", RefPackVersion),
            Path.Combine("ref", "net10.0"))
        .AddPackages([new PackageIdentity("Microsoft.AspNetCore.App.Ref", RefPackVersion)]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(WebhookActionsAttribute).Assembly.Location))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableArray<ISourceGenerator>> JsonGenerator = new(() =>
    {
        var reference = new AnalyzerFileReference(JsonGeneratorPath(), new AssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp);
    });

    /// <summary>System.Text.Json's source generator, which produces the <c>Default</c> context the generated serializers read.</summary>
    public static ImmutableArray<ISourceGenerator> JsonSourceGenerators => JsonGenerator.Value;

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "Tests",
        sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Input{index}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver running the webhook generator alone (optionally tracking its steps), or with System.Text.Json's.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false, bool withJson = false) => CSharpGeneratorDriver.Create(
        [new WebhookActionsGenerator().AsSourceGenerator(), .. withJson ? JsonSourceGenerators : []],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs both generators and returns the webhook generator's sources and the full output compilation.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources)
    {
        CSharpCompilation compilation = CreateCompilation(sources);
        GeneratorDriver driver = CreateDriver(withJson: true).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single(run => run.Generator.GetGeneratorType() == typeof(WebhookActionsGenerator));
        return (result, output);
    }

    private static string JsonGeneratorPath()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(root, "microsoft.netcore.app.ref", RefPackVersion, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Restore the test project: System.Text.Json's generator comes with the Microsoft.NETCore.App.Ref download.", path);
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
