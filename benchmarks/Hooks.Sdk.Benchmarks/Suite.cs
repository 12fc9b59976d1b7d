using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hooks.Sdk.Benchmarks.Filters;
using Hooks.Sdk.Benchmarks.Generator;
using Hooks.Sdk.Benchmarks.Load;
using Hooks.Sdk.Benchmarks.Serialization;
using Perfolizer.Horology;

namespace Hooks.Sdk.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet classes and the load scenarios that <c>--filter</c> names, then prints one line per figure,
/// ratio first. With <c>--quick</c> (and no filter, everything) the classes run in-process with a few short
/// iterations and the load scenarios with small sizes; other arguments go to BenchmarkDotNet as they are.
/// </summary>
internal static class Suite
{
    private static readonly Type[] Classes =
        [typeof(TasksCreatedSerialization), typeof(AnnotationCreatedSerialization), typeof(FilterOverhead), typeof(GeneratorCost)];

    private static readonly (string Name, Func<LoadSizes, IAsyncEnumerable<Figure>> Run)[] Scenarios =
    [
        (typeof(DispatchScenarios).FullName!, DispatchScenarios.RunAsync),
        (typeof(MemoryScenario).FullName!, MemoryScenario.RunAsync),
        (typeof(SampleAppScenarios).FullName!, SampleAppScenarios.RunAsync),
        (typeof(ClusterScenario).FullName!, ClusterScenario.RunAsync),
        (typeof(SamplePostgreSqlScenarios).FullName!, SamplePostgreSqlScenarios.RunAsync),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        bool quick = args.Contains("--quick");
        if (quick)
        {
            args = [.. args.Where(arg => arg != "--quick"), .. Filters(args).Length == 0 ? ["--filter", "*"] : Array.Empty<string>()];
        }
        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromTypes(Classes).Run(args, quick ? QuickConfig() : null);
        var figures = summaries.SelectMany(Figures).ToList();

        string[] filters = Filters(args);
        LoadSizes sizes = quick ? LoadSizes.Quick : LoadSizes.Full;
        foreach ((string name, Func<LoadSizes, IAsyncEnumerable<Figure>> run) in Scenarios.Where(scenario => Matches(scenario.Name, filters)))
        {
            Console.WriteLine($"// load scenario {name}");
            await foreach (Figure figure in run(sizes))
            {
                Console.WriteLine(figure);
                figures.Add(figure);
            }
        }

        Console.WriteLine();
        Console.WriteLine("// figures: ratio to the baseline measured in the same run, then what was compared and the absolute numbers");
        figures.ForEach(Console.WriteLine);
        return 0;
    }

    private static IConfig QuickConfig() => ManualConfig.CreateMinimumViable()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(150)))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOptions(ConfigOptions.DisableLogFile);

    /// <summary>Each benchmark against the baseline of its class and parameters.</summary>
    private static IEnumerable<Figure> Figures(Summary summary)
    {
        foreach (BenchmarkReport report in summary.Reports)
        {
            BenchmarkCase benchmark = report.BenchmarkCase;
            if (benchmark.Descriptor.Baseline || report.ResultStatistics is null
                || summary.GetBaseline(summary.GetLogicalGroupKey(benchmark)) is not { } baseline
                || summary[baseline] is not { ResultStatistics: not null } baselineReport)
            {
                continue;
            }
            double mean = report.ResultStatistics.Mean;
            double baselineMean = baselineReport.ResultStatistics.Mean;
            string parameters = benchmark.HasParameters ? " " + benchmark.Parameters.DisplayInfo : "";
            yield return new Figure(mean / baselineMean,
                $"{benchmark.Descriptor.Type.Name}{parameters}: {benchmark.Descriptor.WorkloadMethodDisplayInfo} vs {baseline.Descriptor.WorkloadMethodDisplayInfo}",
                $"{Time(mean)} vs {Time(baselineMean)}; allocated {Bytes(report, benchmark)} vs {Bytes(baselineReport, baseline)}");
        }
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.000} ms"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:0.00} us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0} ns"),
    };

    private static string Bytes(BenchmarkReport report, BenchmarkCase benchmark) =>
        report.GcStats.GetBytesAllocatedPerOperation(benchmark) is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.00} KB")
            : "n/a";

    private static string[] Filters(string[] args)
    {
        int at = Array.IndexOf(args, "--filter");
        return at < 0 ? [] : args.Skip(at + 1).TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray();
    }

    private static bool Matches(string name, string[] filters) =>
        filters.Any(filter => Regex.IsMatch(name, "^" + Regex.Escape(filter).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase));
}
