namespace LabelStudio.Sample.Domain;

/// <summary>
/// Label Studio's counters on a task: its annotations that are not skips, its skips, and its predictions. Label
/// Studio stores them on the task; the sample counts them when the task is read for a payload or an answer.
/// </summary>
public sealed record TaskCounters(int TotalAnnotations, int CancelledAnnotations, int TotalPredictions)
{
    public static TaskCounters None { get; } = new(0, 0, 0);
}
