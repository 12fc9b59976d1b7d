using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.TestInfrastructure;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Hooks.Sdk.Tests;

/// <summary>
/// The namespace map of <c>docs/architecture.md</c>, checked on the compiled SDK: each namespace uses only the
/// namespaces its row names, so that imports point inward and a receiver-only app needs nothing of the sender.
/// </summary>
public sealed partial class NamespaceMapTests
{
    private const string MapDocument = "docs/architecture.md";

    private static readonly Architecture Sdk = new ArchLoader().LoadAssemblies(typeof(WebhookCatalogue).Assembly).Build();

    private static readonly IReadOnlyDictionary<string, string[]> Map = ReadMap();

    /// <summary>Where the public entry points live, as ASP.NET Core's own do; they put the parts together.</summary>
    private static readonly string[] EntryPointNamespaces = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder"];

    /// <summary>Every row of the map: a namespace and the namespaces it may use.</summary>
    public static TheoryData<string> Namespaces => [.. Map.Keys];

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void A_namespace_uses_only_the_namespaces_its_row_names(string name)
    {
        string[] allowed = [name, .. Map[name]];
        Assert.NotEqual(Map.Count, allowed.Distinct().Count()); // an empty pattern would match the global namespace
        IObjectProvider<IType> others = Types().That().ResideInNamespaceMatching(Pattern(Map.Keys.Except(allowed)))
            .As($"the SDK's namespaces other than {string.Join(", ", allowed)}");

        Types().That().ResideInNamespaceMatching(Pattern([name])).Should().NotDependOnAny(others).Check(Sdk);
    }

    [Fact]
    public void Every_namespace_of_the_sdk_has_a_row()
    {
        string[] namespaces = [.. Sdk.Namespaces.Select(space => space.FullName)
            .Where(space => space == "Hooks.Sdk" || space.StartsWith("Hooks.Sdk.", StringComparison.Ordinal))
            .Where(space => Sdk.Types.Any(type => type.Namespace.FullName == space))
            .Order(StringComparer.Ordinal)];

        Assert.Equal([.. Map.Keys.Order(StringComparer.Ordinal)], namespaces);
    }

    [Fact]
    public void The_namespaces_depend_on_each_other_without_cycles() =>
        SliceRuleDefinition.Slices().Matching("Hooks.Sdk.(*)").Should().BeFreeOfCycles().Check(Sdk);

    /// <summary>
    /// The source says what the assembly cannot show: each file declares its folder's namespace (or an entry point's),
    /// and imports only namespaces its row allows, <c>cref</c>s and <c>nameof</c>s included.
    /// </summary>
    [Fact]
    public void Each_file_declares_its_folders_namespace_and_imports_only_what_its_row_allows()
    {
        string source = Path.Combine(RepositoryFiles.Root, "src", "Hooks.Sdk");
        var problems = new List<string>();
        foreach (string relative in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal)))
        {
            string text = RepositoryFiles.Read("src/Hooks.Sdk/" + relative);
            string folder = Path.GetDirectoryName(relative)!.Replace('/', '.');
            string expected = folder.Length == 0 ? "Hooks.Sdk" : "Hooks.Sdk." + folder;
            string declared = FileNamespace().Match(text).Groups["name"].Value;
            if (EntryPointNamespaces.Contains(declared))
            {
                continue;
            }
            if (declared != expected)
            {
                problems.Add($"{relative} declares namespace {declared}; its folder's is {expected} (or an entry point's: {string.Join(", ", EntryPointNamespaces)}).");
                continue;
            }
            problems.AddRange(SdkUsing().Matches(text).Select(match => match.Groups["name"].Value)
                .Where(used => used != declared && !Map[declared].Contains(used))
                .Select(used => $"{relative} imports {used}, which the row of {declared} does not allow."));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_namespace_a_row_allows_is_a_row_of_the_map() =>
        Assert.All(Map, row => Assert.All(row.Value, used => Assert.True(Map.ContainsKey(used), $"{row.Key} allows {used}, which is no namespace of the map.")));

    /// <summary>The table between the <c>namespace-map</c> markers: <c>| `Hooks.Sdk.X` | holds | `Y`, `Z` or nothing |</c>.</summary>
    private static Dictionary<string, string[]> ReadMap()
    {
        string document = RepositoryFiles.Read(MapDocument);
        int start = document.IndexOf("<!-- namespace-map -->", StringComparison.Ordinal);
        int end = document.IndexOf("<!-- /namespace-map -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{MapDocument} has no namespace-map markers.");
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (Match row in MapRow().Matches(document[start..end]))
        {
            string uses = row.Groups["uses"].Value.Trim();
            map.Add(row.Groups["name"].Value, uses == "nothing"
                ? []
                : [.. uses.Split(',').Select(use => use.Trim().Trim('`')).Select(use => use == "Hooks.Sdk" ? use : "Hooks.Sdk." + use)]);
        }
        Assert.NotEmpty(map);
        return map;
    }

    private static string Pattern(IEnumerable<string> namespaces) =>
        "^(" + string.Join("|", namespaces.Select(Regex.Escape)) + ")$";

    [GeneratedRegex(@"^\| `(?<name>Hooks\.Sdk(\.\w+)?)` \| [^|]+ \| (?<uses>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex MapRow();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using (?<name>Hooks\.Sdk(\.\w+)?);", RegexOptions.Multiline)]
    private static partial Regex SdkUsing();
}
