using System.Text.Json.Nodes;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>Payloads far beyond the writer's retained buffer, serialized on one thread between small ones.</summary>
public sealed class LargePayloadTests
{
    [Fact]
    public void A_large_payload_between_small_ones_is_written_whole_and_leaves_nothing_behind()
    {
        LsTask[] large = Enumerable.Range(1, 5000)
            .Select(id => new LsTask { Id = id, Data = new JsonObject { ["text"] = new string('t', 100) } })
            .ToArray();

        byte[] before = LsActions.Descriptors.TasksCreated.SerializePayload([new LsTask { Id = 1 }], []);
        byte[] first = LsActions.Descriptors.TasksCreated.SerializePayload(large, []);
        byte[] second = LsActions.Descriptors.TasksCreated.SerializePayload(large, []);
        byte[] after = LsActions.Descriptors.TasksCreated.SerializePayload([new LsTask { Id = 2 }], []);

        Assert.True(first.Length > 500_000, $"the payload is only {first.Length} bytes");
        Assert.Equal(first, second);
        JsonArray tasks = JsonNode.Parse(first)!["tasks"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 5000).Select(id => (long)id), tasks.Select(task => (long)task!["id"]!));
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(2L, (long)JsonNode.Parse(after)!["tasks"]![0]!["id"]!);
    }
}
