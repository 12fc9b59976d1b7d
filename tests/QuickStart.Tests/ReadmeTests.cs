using System.Xml.Linq;
using Hooks.Sdk.TestInfrastructure;

namespace QuickStart.Tests;

/// <summary>The README's quick start is <c>samples/QuickStart</c>: CI fails when the two drift apart.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Every_marked_block_is_its_file_byte_for_byte()
    {
        MarkedBlock[] files = QuickStartReadme.Blocks.Where(block => !block.IsProject).ToArray();

        Assert.NotEmpty(files);
        foreach (MarkedBlock block in files)
        {
            string file = QuickStartReadme.ReadFile(block.Path);
            if (file != block.Content)
            {
                Assert.Fail($"The README block at line {block.Line} differs from {block.Path}: {FirstDifference(file, block.Content)}");
            }
        }
    }

    [Fact]
    public void Every_source_file_of_the_quick_start_is_shown_in_the_README_once()
    {
        string folder = Path.Combine(RepositoryFiles.Root, QuickStartReadme.SampleFolder);
        string[] sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] shown = QuickStartReadme.Blocks.Where(block => !block.IsProject).Select(block => block.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Contains("samples/QuickStart/Program.cs", sources);
        Assert.Equal(sources, shown);
        Assert.Equal(["samples/QuickStart/QuickStart.csproj"], QuickStartReadme.Blocks.Where(block => block.IsProject).Select(block => block.Path));
    }

    [Fact]
    public void The_project_block_is_the_sample_project_with_package_references_in_place_of_the_repository_ones()
    {
        MarkedBlock block = Assert.Single(QuickStartReadme.Blocks, block => block.IsProject);
        XElement shown = Canonical(XElement.Parse(block.Content));
        XElement expected = AsPackageConsumer(XElement.Parse(QuickStartReadme.ReadFile(block.Path)));

        Assert.Equal(expected.ToString(), shown.ToString());
        // Both SDK packages are named, with the version this repository builds.
        string version = Property(XElement.Load(Path.Combine(RepositoryFiles.Root, "Directory.Build.props")), "Version");
        Assert.Contains($"""<PackageReference Include="Hooks.Sdk" Version="{version}" />""", block.Content);
        Assert.Contains($"""<PackageReference Include="Hooks.Sdk.EntityFrameworkCore" Version="{version}" />""", block.Content);
    }

    /// <summary>
    /// The repository's project as an app outside it writes it: each <c>src/</c> project reference becomes a package
    /// reference of the version the repository builds, each package gets its central version, and what only the
    /// repository needs (the generator referenced as an analyzer, <c>IsPackable</c>, comments) goes.
    /// </summary>
    private static XElement AsPackageConsumer(XElement project)
    {
        string version = Property(XElement.Load(Path.Combine(RepositoryFiles.Root, "Directory.Build.props")), "Version");
        IReadOnlyDictionary<string, string> central = CentralVersions();
        foreach (XElement reference in project.Descendants("ProjectReference").ToArray())
        {
            string include = (string)reference.Attribute("Include")!;
            if ((string?)reference.Attribute("OutputItemType") == "Analyzer")
            {
                reference.Remove();
                continue;
            }
            string[] parts = include.Replace('\\', '/').Split('/');
            Assert.True(parts is ["..", "..", "src", _, _] && parts[4] == parts[3] + ".csproj", $"The quick start references {include}, which is no package of src/.");
            reference.ReplaceWith(new XElement("PackageReference", new XAttribute("Include", parts[3]), new XAttribute("Version", version)));
        }
        foreach (XElement package in project.Descendants("PackageReference").Where(package => package.Attribute("Version") is null))
        {
            string include = (string)package.Attribute("Include")!;
            Assert.True(central.TryGetValue(include, out string? packageVersion), $"{include} has no version in Directory.Packages.props.");
            package.SetAttributeValue("Version", packageVersion);
        }
        project.Descendants("IsPackable").Remove();
        project.Elements().Where(group => !group.HasElements).Remove();
        return Canonical(project);
    }

    private static XElement Canonical(XElement element)
    {
        element.DescendantNodes().OfType<XComment>().Remove();
        return XElement.Parse(element.ToString(), LoadOptions.None);
    }

    private static IReadOnlyDictionary<string, string> CentralVersions()
    {
        XElement props = XElement.Load(Path.Combine(RepositoryFiles.Root, "Directory.Packages.props"));
        Dictionary<string, string> properties = props.Elements("PropertyGroup").Elements().ToDictionary(property => property.Name.LocalName, property => property.Value);
        return props.Descendants("PackageVersion").ToDictionary(
            package => (string)package.Attribute("Include")!,
            package => properties.Aggregate((string)package.Attribute("Version")!, (text, property) => text.Replace($"$({property.Key})", property.Value, StringComparison.Ordinal)));
    }

    private static string Property(XElement props, string name) =>
        props.Elements("PropertyGroup").Elements(name).Select(property => property.Value).First();

    private static string FirstDifference(string file, string block)
    {
        string[] fileLines = file.Split('\n');
        string[] blockLines = block.Split('\n');
        for (int index = 0; index < Math.Max(fileLines.Length, blockLines.Length); index++)
        {
            string? inFile = index < fileLines.Length ? fileLines[index] : null;
            string? inBlock = index < blockLines.Length ? blockLines[index] : null;
            if (inFile != inBlock)
            {
                return $"line {index + 1} of the file is {Show(inFile)}, the README's is {Show(inBlock)}.";
            }
        }
        return "they differ only in their ends.";
    }

    private static string Show(string? line) => line is null ? "(missing)" : $"\"{line}\"";
}
