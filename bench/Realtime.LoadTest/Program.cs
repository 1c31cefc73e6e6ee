using System.Diagnostics;
using System.Globalization;

namespace Realtime.LoadTest;

/// <summary>
/// End-to-end fan-out on one box: the gateway against a minimal SignalR hub app, same clients, same payloads,
/// same HTTP batches, in one invocation. Prints a table and the ratios ours/SignalR.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), Math.Max(64, Environment.ProcessorCount * 8));
        Console.WriteLine($"{options.Clients} clients over 2 workspaces, {options.Events} events in batches of {options.Batch}, " +
                          (options.DurationSeconds > 0 ? $"paced over {options.DurationSeconds} s" : "unpaced") +
                          $", {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

        var results = new List<Result>();
        if (options.Only is "" or "ours")
            results.Add(await RunAsync(new GatewayTarget(), options));
        if (options.Only is "" or "signalr")
            results.Add(await RunAsync(new SignalRTarget(), options));

        Print(results);
        return results.All(r => r.Lost == 0) ? 0 : 1;
    }

    private sealed record Result(string Name, int Clients, int Events, long Deliveries, double Seconds, double P50, double P99, double Max, long Lost, int Closed, int Unavailable)
    {
        public double EventsPerSecond => Events * ((double)(Deliveries) / Math.Max(1, Expected)) / Seconds;
        public double DeliveriesPerSecond => Deliveries / Seconds;
        public long Expected => (long)Events * (Clients / 2);
    }

    private static async Task<Result> RunAsync(ILoadTarget target, LoadOptions options)
    {
        await using (target)
        {
            Console.WriteLine($"[{target.Name}] starting");
            await target.StartAsync(options);
            var perEvent = options.Clients / 2;
            Recorder current = new(options.Clients, (long)options.Warmup * perEvent);
            await target.ConnectAsync(options.Clients, () => Volatile.Read(ref current));
            Console.WriteLine($"[{target.Name}] {options.Clients} clients connected; warm-up {options.Warmup} events");

            if (options.Warmup > 0)
            {
                var warmupUnavailable = await IngestAsync(target, options.Warmup, options.Batch, 0, "w");
                if (warmupUnavailable > 0)
                    Console.WriteLine($"[{target.Name}] warm-up met {warmupUnavailable} 503(s)");
                if (!await current.WaitAsync(TimeSpan.FromSeconds(options.TimeoutSeconds)))
                    Console.WriteLine($"[{target.Name}] warm-up incomplete: {current.Delivered}/{current.Expected}");
                await Task.Delay(500);
            }

            var recorder = new Recorder(options.Clients, (long)options.Events * perEvent);
            Volatile.Write(ref current, recorder);
            var start = Stopwatch.GetTimestamp();
            var unavailable = await IngestAsync(target, options.Events, options.Batch, options.DurationSeconds, "m");
            var ingested = Stopwatch.GetElapsedTime(start);
            var complete = await recorder.WaitAsync(TimeSpan.FromSeconds(options.TimeoutSeconds + options.DurationSeconds));
            var seconds = (Math.Max(recorder.LastDelivery, start) - start) / (double)Stopwatch.Frequency;
            var (p50, p99, max) = recorder.LatencyMs();
            var lost = recorder.Expected - recorder.Delivered;
            Console.WriteLine($"[{target.Name}] ingest took {ingested.TotalSeconds:F2} s ({unavailable} 503s retried), delivery {seconds:F2} s" +
                              (complete ? "" : $", INCOMPLETE: {lost} deliveries missing") +
                              (recorder.Unparsed > 0 ? $", {recorder.Unparsed} frames without a timestamp" : ""));
            return new Result(target.Name, options.Clients, options.Events, recorder.Delivered, Math.Max(seconds, 1e-6), p50, p99, max, lost, target.Closed, unavailable);
        }
    }

    /// <summary>
    /// Posts the events in batches, one request at a time; paced to <paramref name="durationSeconds"/> when positive.
    /// A 503 is waited out and the same batch (same send timestamps) posted again; returns the number of 503s.
    /// </summary>
    private static async Task<int> IngestAsync(ILoadTarget target, int events, int batch, double durationSeconds, string run)
    {
        var start = Stopwatch.GetTimestamp();
        var unavailable = 0;
        for (var first = 0; first < events; first += batch)
        {
            if (durationSeconds > 0)
            {
                var due = start + (long)(first / (double)events * durationSeconds * Stopwatch.Frequency);
                var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                if (wait > 0)
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            unavailable += await target.PostAsync(Payloads.Batch(first, Math.Min(batch, events - first), run));
        }
        return unavailable;
    }

    private static void Print(List<Result> results)
    {
        static string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine("| target | clients | events | deliveries | events/s | deliveries/s | p50 ms | p99 ms | max ms | lost | closed | 503s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            Console.WriteLine($"| {r.Name} | {r.Clients} | {r.Events} | {r.Deliveries} | {F(r.EventsPerSecond, "F0")} | {F(r.DeliveriesPerSecond, "F0")} | {F(r.P50)} | {F(r.P99)} | {F(r.Max)} | {r.Lost} | {r.Closed} | {r.Unavailable} |");
        if (results.Count == 2)
        {
            var (ours, baseline) = (results[0], results[1]);
            Console.WriteLine();
            Console.WriteLine($"ratio ours/SignalR: throughput {F(ours.DeliveriesPerSecond / baseline.DeliveriesPerSecond, "F2")}x (higher is better), " +
                              $"p50 latency {F(ours.P50 / baseline.P50, "F2")}x, p99 latency {F(ours.P99 / baseline.P99, "F2")}x (lower is better)");
        }
    }
}
