using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Hooks.Sdk.Benchmarks.Models;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Benchmarks.Serialization;

/// <summary>One <c>ANNOTATION_CREATED</c> message: the annotation, its project and its nested task.</summary>
[MemoryDiagnoser]
public class AnnotationCreatedSerialization
{
    private readonly LsAnnotation _annotation = LabelStudioData.Annotation();
    private readonly LsProject _project = LabelStudioData.Project();

    [GlobalSetup]
    public void Setup() =>
        Envelopes.AssertSame(LsActions.AnnotationCreated, Generated(), ReflectionDictionary(), SourceGeneratedRecord());

    [Benchmark(Baseline = true, Description = "STJ reflection, Dictionary envelope")]
    public byte[] ReflectionDictionary() => JsonSerializer.SerializeToUtf8Bytes(
        new Dictionary<string, object?>
        {
            ["action"] = LsActions.AnnotationCreated,
            ["annotation"] = _annotation,
            ["project"] = _project,
            ["task"] = _annotation.Task,
        },
        Envelopes.Reflection);

    [Benchmark(Description = "STJ source-generated record envelope")]
    public byte[] SourceGeneratedRecord() => JsonSerializer.SerializeToUtf8Bytes(
        new AnnotationCreatedEnvelope(LsActions.AnnotationCreated, _annotation, _project, _annotation.Task),
        Envelopes.SourceGenerated.AnnotationCreatedEnvelope);

    [Benchmark(Description = "Hooks.Sdk generated serializer")]
    public byte[] Generated() => LsActions.Descriptors.AnnotationCreated.SerializePayload([_annotation], Envelopes.ProjectBytes(_project));

    [Benchmark(Description = "floor: the result, task data and meta JSON only")]
    public byte[] NodesOnly() => Envelopes.NodesOnly([_annotation.Result, _annotation.Task!.Data, _annotation.Task.Meta]);
}
