using System.Text.RegularExpressions;
using Hooks.Sdk.TestInfrastructure;

namespace QuickStart.Tests;

/// <summary>
/// The README's quick-start blocks: each is marked on the line before its fence with
/// <c>&lt;!-- quickstart: PATH --&gt;</c> (the block is that file of the repository, byte for byte) or
/// <c>&lt;!-- quickstart-project: PATH --&gt;</c> (the block is that project as an app outside the repository writes it).
/// </summary>
internal static partial class QuickStartReadme
{
    public const string SampleFolder = "samples/QuickStart";

    public static string Text { get; } = RepositoryFiles.Read("README.md");

    /// <summary>Every marked block, in README order.</summary>
    public static IReadOnlyList<MarkedBlock> Blocks { get; } = ReadBlocks(Text);

    public static string ReadFile(string relativePath) => RepositoryFiles.Read(relativePath);

    private static List<MarkedBlock> ReadBlocks(string readme)
    {
        string[] lines = readme.Split('\n');
        var blocks = new List<MarkedBlock>();
        for (int index = 0; index < lines.Length; index++)
        {
            if (!lines[index].StartsWith("<!-- quickstart", StringComparison.Ordinal))
            {
                continue;
            }
            Match marker = Marker().Match(lines[index]);
            if (!marker.Success)
            {
                throw new InvalidOperationException($"README line {index + 1} is not a quick-start marker this test knows: {lines[index]}");
            }
            int fence = index + 1;
            if (fence >= lines.Length || !lines[fence].StartsWith("```", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"README line {index + 1}: the marker must be on the line just before a code fence.");
            }
            int end = Array.FindIndex(lines, fence + 1, line => line == "```");
            if (end < 0)
            {
                throw new InvalidOperationException($"README line {fence + 1}: the code block is not closed.");
            }
            string content = string.Concat(lines[(fence + 1)..end].Select(line => line + "\n"));
            blocks.Add(new MarkedBlock(marker.Groups["kind"].Value == "-project", marker.Groups["path"].Value, index + 1, content));
            index = end;
        }
        return blocks;
    }

    [GeneratedRegex(@"^<!-- quickstart(?<kind>-project)?: (?<path>[^ ]+) -->$")]
    private static partial Regex Marker();
}

/// <summary>A marked code block of the README: the file it shows, where, and its text (each line ending in <c>\n</c>).</summary>
internal sealed record MarkedBlock(bool IsProject, string Path, int Line, string Content);
