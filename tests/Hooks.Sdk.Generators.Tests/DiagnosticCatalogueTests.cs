using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Hooks.Sdk.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>Every diagnostic has a help link to its own section of docs/diagnostics.md, which states its severity.</summary>
public sealed partial class DiagnosticCatalogueTests
{
    private const string HelpBase = "https://github.com/hooks-sdk/hooks-sdk/blob/main/docs/diagnostics.md#";

    /// <summary>The generator's one catalogue of descriptors.</summary>
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToArray();

    [Fact]
    public void Every_diagnostic_links_to_its_section_which_gives_its_severity()
    {
        string document = File.ReadAllText(RepositoryFile("docs/diagnostics.md"));
        Assert.NotEmpty(Descriptors);
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.Equal(HelpBase + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Match section = Regex.Match(document, $@"^## {descriptor.Id}\n\n\*\*(?<title>[^*]+)\*\* \((?<severity>\w+)\)", RegexOptions.Multiline);
            Assert.True(section.Success, $"docs/diagnostics.md has no section '## {descriptor.Id}' opening with its bold title and severity");
            Assert.Equal(descriptor.Title.ToString(), section.Groups["title"].Value);
            Assert.Equal(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), section.Groups["severity"].Value);
        }
    }

    [Fact]
    public void Every_section_of_the_document_is_a_diagnostic()
    {
        string document = File.ReadAllText(RepositoryFile("docs/diagnostics.md"));
        string[] sections = [.. Heading().Matches(document).Select(match => match.Groups[1].Value)];
        Assert.Equal(Descriptors.Select(descriptor => descriptor.Id).Order(), sections.Order());
    }

    [Fact]
    public void The_filter_diagnostics_that_stop_a_silent_failure_are_errors_by_default()
    {
        foreach (string id in new[] { "HOOK020", "HOOK023", "HOOK024" })
        {
            Assert.Equal(DiagnosticSeverity.Error, Descriptors.Single(descriptor => descriptor.Id == id).DefaultSeverity);
        }
    }

    [GeneratedRegex(@"^## (HOOK\d{3})$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    private static string RepositoryFile(string path, [CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "..", path);
}
