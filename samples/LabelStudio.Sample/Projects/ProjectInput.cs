using System.ComponentModel.DataAnnotations;

namespace LabelStudio.Sample.Projects;

/// <summary>Label Studio's limits on projects.</summary>
public static class ProjectRules
{
    public const int MaxTitleLength = 50;
}

/// <summary>The writable project fields; a field left out (null) is left unchanged on update.</summary>
public sealed record ProjectInput
{
    [StringLength(ProjectRules.MaxTitleLength, ErrorMessage = "Ensure this field has no more than 50 characters.")]
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? LabelConfig { get; init; }

    public string? ExpertInstruction { get; init; }

    public bool? ShowInstruction { get; init; }

    public bool? ShowSkipButton { get; init; }

    public bool? EnableEmptyAnnotation { get; init; }

    [RegularExpression("^#[0-9A-Fa-f]{6}$", ErrorMessage = "Enter a color as #RRGGBB.")]
    public string? Color { get; init; }

    [Range(1, 10_000, ErrorMessage = "Ensure this value is between 1 and 10000.")]
    public int? MaximumAnnotations { get; init; }

    public string? ModelVersion { get; init; }

    public bool? IsDraft { get; init; }

    public bool? IsPublished { get; init; }
}
