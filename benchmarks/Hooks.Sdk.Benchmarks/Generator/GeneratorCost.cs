using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Hooks.Sdk.Benchmarks.Generator;

/// <summary>
/// The generator driven directly: a full run over a fresh driver, and the run after a one-line edit (one action's
/// description) on a driver that has already run, which is what an IDE pays per keystroke.
/// </summary>
[MemoryDiagnoser]
public class GeneratorCost
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(WebhookActionsAttribute).Assembly.Location))
            .ToImmutableArray());

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private CSharpCompilation _unrelated = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _warmUnrelated = null!;
    private bool _flip;
    private bool _flipUnrelated;

    [Params(10, 500)]
    public int Actions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string source = Catalogue(Actions, "Created");
        _compilation = CSharpCompilation.Create(
            "Catalogue",
            [
                CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Catalogue.cs"),
                CSharpSyntaxTree.ParseText(Models, ParseOptions, path: "Models.cs"),
                CSharpSyntaxTree.ParseText(Other(1), ParseOptions, path: "Other.cs"),
            ],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        SyntaxTree tree = _compilation.SyntaxTrees[0];
        _edited = _compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(Catalogue(Actions, "Made"))));
        SyntaxTree other = _compilation.SyntaxTrees[2];
        _unrelated = _compilation.ReplaceSyntaxTree(other, other.WithChangedText(SourceText.From(Other(2))));
        GeneratorDriverRunResult first = CreateDriver().RunGenerators(_compilation).GetRunResult();
        if (first.Diagnostics.Length > 0 || first.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException($"The measured catalogue does not generate cleanly: {string.Join("; ", first.Diagnostics)}");
        }
        _warm = CreateDriver().RunGenerators(_compilation);
        _warmUnrelated = CreateDriver().RunGenerators(_compilation);
    }

    [Benchmark(Baseline = true, Description = "full run")]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation);

    [Benchmark(Description = "incremental run after a one-line edit")]
    public GeneratorDriver IncrementalRun()
    {
        // Alternate between the two texts so that every run sees a real one-line change from the previous one.
        _flip = !_flip;
        return _warm = _warm.RunGenerators(_flip ? _edited : _compilation);
    }

    [Benchmark(Description = "incremental run after an edit elsewhere")]
    public GeneratorDriver UnrelatedEditRun()
    {
        _flipUnrelated = !_flipUnrelated;
        return _warmUnrelated = _warmUnrelated.RunGenerators(_flipUnrelated ? _unrelated : _compilation);
    }

    private static string Other(int answer) => $"namespace Bench; internal static class Other {{ public const int Answer = {answer}; }}";

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new WebhookActionsGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private const string Models = """
        using System.Text.Json.Serialization;

        namespace Bench;

        public sealed class Item
        {
            public long Id { get; set; }
            public long ProjectId { get; set; }
            public string Name { get; set; } = "";
        }

        [JsonSerializable(typeof(Item))]
        public sealed partial class ItemJsonContext : JsonSerializerContext;
        """;

    /// <summary>A catalogue of <paramref name="count"/> actions; the first one's description is <paramref name="firstDescription"/>.</summary>
    private static string Catalogue(int count, string firstDescription)
    {
        var source = new StringBuilder("""
            using Hooks.Sdk;

            namespace Bench;

            [WebhookActions(JsonContext = typeof(ItemJsonContext))]
            public static partial class BenchCatalogue
            {

            """);
        for (int index = 0; index < count; index++)
        {
            string description = index == 0 ? firstDescription : $"Action number {index}";
            source.Append(index % 2 == 0
                ? $"""
                      [WebhookAction("Item event {index}", Description = "{description}", Key = "item", Model = typeof(Item), Project = "ProjectId")]
                      public const string Action{index} = "ITEM_EVENT_{index}";

                  """
                : $"""
                      [WebhookAction("Items event {index}", Description = "{description}", Key = "items", Model = typeof(Item), Many = true, Project = "ProjectId", OnlyIds = true)]
                      public const string Action{index} = "ITEMS_EVENT_{index}";

                  """);
        }
        return source.Append('}').ToString();
    }
}
