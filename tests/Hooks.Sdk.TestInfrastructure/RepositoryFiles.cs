namespace Hooks.Sdk.TestInfrastructure;

/// <summary>Files of this repository, for tests that check documents against the code.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root: the folder above the test's output that holds <c>Hooks.Sdk.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The text of <paramref name="relativePath"/>, with line endings as <c>\n</c> whatever the checkout made of them.</summary>
    /// <param name="relativePath">A path from the root, with <c>/</c>.</param>
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(Root, relativePath)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hooks.Sdk.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Hooks.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
