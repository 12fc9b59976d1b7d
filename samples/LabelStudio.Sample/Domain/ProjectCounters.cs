namespace LabelStudio.Sample.Domain;

/// <summary>
/// Label Studio's eight project counters, with its definitions (projects/functions.py): annotations counted as
/// "total" exclude skips; "useful" ones also exclude ground truth and empty results.
/// </summary>
public sealed record ProjectCounters(
    int TaskNumber,
    int FinishedTaskNumber,
    int TotalPredictionsNumber,
    int TotalAnnotationsNumber,
    int NumTasksWithAnnotations,
    int UsefulAnnotationNumber,
    int GroundTruthNumber,
    int SkippedAnnotationsNumber)
{
    public static ProjectCounters None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
