using System.Runtime.CompilerServices;

namespace Hooks.Sdk.Generators.Tests;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.cs</c>. <c>UPDATE_SNAPSHOTS=1</c> rewrites
/// it; a mismatch writes <c>NAME.received.cs</c> beside it and fails with the first differing line.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = actual.ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        string expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : "";
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"Snapshot '{name}' differs {FirstDifference(expected, actual)}.\nCompare {received} with {verified}, or rerun with UPDATE_SNAPSHOTS=1 to accept it.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int line = 0; line < Math.Max(expectedLines.Length, actualLines.Length); line++)
        {
            string? want = line < expectedLines.Length ? expectedLines[line] : null;
            string? got = line < actualLines.Length ? actualLines[line] : null;
            if (want != got)
            {
                return $"at line {line + 1}:\n  expected: {want ?? "<end of file>"}\n  actual:   {got ?? "<end of file>"}";
            }
        }
        return "";
    }
}
