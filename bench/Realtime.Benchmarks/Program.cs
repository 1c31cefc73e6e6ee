using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Realtime.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point. Every class has a <c>[Benchmark(Baseline = true)]</c>, so results read as ratios
/// against a baseline measured in the same run. <c>--quick</c> runs a short in-process job (no child build),
/// good enough for a ratio on a small machine; without it the usual BenchmarkDotNet switches apply.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        args = [.. args.Where(a => a != "--quick")];
        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            config = DefaultConfig.Instance.AddJob(Job.ShortRun
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithLaunchCount(1)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("quick"));
            if (!args.Contains("--filter"))
                args = [.. args, "--filter", "*"];
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
