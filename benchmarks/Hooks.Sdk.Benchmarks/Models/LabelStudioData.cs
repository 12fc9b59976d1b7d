using System.Text.Json.Nodes;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Benchmarks.Models;

/// <summary>Deterministic objects of the sizes a Label Studio project holds: an image task with a caption, a box annotation.</summary>
public static class LabelStudioData
{
    private static readonly DateTime Created = new(2026, 11, 23, 9, 30, 12, 345, 678, DateTimeKind.Utc);

    public static LsProject Project() => new()
    {
        Id = 42,
        Title = "Street scenes",
        Description = "Bounding boxes around vehicles and pedestrians",
        LabelConfig = "<View><Image name=\"image\" value=\"$image\"/><RectangleLabels name=\"label\" toName=\"image\"><Label value=\"Car\"/><Label value=\"Person\"/></RectangleLabels></View>",
        ExpertInstruction = "Draw tight boxes.",
        ShowInstruction = true,
        ShowSkipButton = true,
        EnableEmptyAnnotation = true,
        Token = "0b6f1a7e-5d0c-4a53-9e55-6b3a7d0e9f10",
        ResultCount = 1250,
        Color = "#FFFFFF",
        MaximumAnnotations = 1,
        ControlWeights = new JsonObject { ["label"] = new JsonObject { ["type"] = "RectangleLabels", ["overall"] = 1.0 } },
        ModelVersion = "yolo-v8",
        IsPublished = true,
        CreatedAt = Created,
        UpdatedAt = Created,
        Sampling = "Sequential sampling",
        Organization = 1,
        CreatedBy = 1,
    };

    public static LsTask[] Tasks(int count) => Enumerable.Range(1, count).Select(Task).ToArray();

    public static LsTask Task(int id) => new()
    {
        Id = id,
        Data = new JsonObject
        {
            ["image"] = $"https://storage.example.com/street/frame_{id:D6}.jpg",
            ["caption"] = "A crossing at dusk with two cars waiting & a cyclist",
        },
        Meta = new JsonObject { ["camera"] = "north-3" },
        CreatedAt = Created,
        UpdatedAt = Created,
        Overlap = 1,
        ProjectId = 42,
        FileUpload = 7,
    };

    public static LsAnnotation Annotation() => new()
    {
        Id = 9001,
        Result = new JsonArray(Enumerable.Range(0, 3).Select(region => (JsonNode)new JsonObject
        {
            ["id"] = $"region-{region}",
            ["type"] = "rectanglelabels",
            ["from_name"] = "label",
            ["to_name"] = "image",
            ["original_width"] = 1920,
            ["original_height"] = 1080,
            ["value"] = new JsonObject
            {
                ["x"] = 10.5 + region,
                ["y"] = 20.25,
                ["width"] = 30.0,
                ["height"] = 15.75,
                ["rotation"] = 0,
                ["rectanglelabels"] = new JsonArray("Car"),
            },
        }).ToArray()),
        CreatedAt = Created,
        UpdatedAt = Created,
        LeadTime = 12.5,
        ResultCount = 3,
        TaskId = 1,
        CompletedBy = 1,
        Task = Task(1),
    };
}
