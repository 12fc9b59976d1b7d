using System.Text.Json.Nodes;

namespace LabelStudio.Sample.Tests;

/// <summary>JSON compared by value, not by text: Label Studio's recorded bodies escape and space differently.</summary>
internal static class JsonAssert
{
    public static void Equal(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}, got {actual?.ToJsonString()}");
}
