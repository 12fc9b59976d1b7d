namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>How much work each load scenario does: the full suite's, or <c>--quick</c>'s.</summary>
public sealed record LoadSizes(int Messages, int Rounds, int LatencyMessages, int MemoryMessages, int MemoryBaselineMessages, int SampleTasks)
{
    public static readonly LoadSizes Full = new(Messages: 20_000, Rounds: 3, LatencyMessages: 500, MemoryMessages: 100_000, MemoryBaselineMessages: 10_000, SampleTasks: 3_000);

    public static readonly LoadSizes Quick = new(Messages: 3_000, Rounds: 1, LatencyMessages: 100, MemoryMessages: 20_000, MemoryBaselineMessages: 10_000, SampleTasks: 500);
}
