using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Hooks.Sdk.Benchmarks.Models;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Benchmarks.Serialization;

/// <summary>
/// One <c>TASKS_CREATED</c> message, project included. The generated serializer is timed with the project's own
/// serialization inside the operation, as the emitter pays it for a message to one webhook.
/// </summary>
[MemoryDiagnoser]
public class TasksCreatedSerialization
{
    private LsTask[] _tasks = [];
    private LsProject _project = null!;

    [Params(1, 100, 5000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tasks = LabelStudioData.Tasks(Tasks);
        _project = LabelStudioData.Project();
        Envelopes.AssertSame(LsActions.TasksCreated, Generated(), ReflectionDictionary(), SourceGeneratedRecord());
    }

    [Benchmark(Baseline = true, Description = "STJ reflection, Dictionary envelope")]
    public byte[] ReflectionDictionary() => JsonSerializer.SerializeToUtf8Bytes(
        new Dictionary<string, object> { ["action"] = LsActions.TasksCreated, ["tasks"] = _tasks, ["project"] = _project },
        Envelopes.Reflection);

    [Benchmark(Description = "STJ source-generated record envelope")]
    public byte[] SourceGeneratedRecord() => JsonSerializer.SerializeToUtf8Bytes(
        new TasksCreatedEnvelope(LsActions.TasksCreated, _tasks, _project),
        Envelopes.SourceGenerated.TasksCreatedEnvelope);

    [Benchmark(Description = "Hooks.Sdk generated serializer")]
    public byte[] Generated() => LsActions.Descriptors.TasksCreated.SerializePayload(_tasks, Envelopes.ProjectBytes(_project));

    [Benchmark(Description = "floor: the tasks' data and meta JSON only")]
    public byte[] NodesOnly() => Envelopes.NodesOnly(_tasks.SelectMany(task => new JsonNode[] { task.Data, task.Meta }));
}
