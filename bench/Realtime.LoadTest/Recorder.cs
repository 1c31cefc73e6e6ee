using System.Diagnostics;

namespace Realtime.LoadTest;

/// <summary>Latencies of one phase, recorded per client (no shared lock on the hot path), merged at the end.</summary>
public sealed class Recorder(int clients, long expected)
{
    private readonly List<long>[] _latencies = Enumerable.Range(0, clients).Select(_ => new List<long>()).ToArray();
    private readonly long[] _last = new long[clients];
    private long _delivered;
    private long _unparsed;

    public long Expected { get; } = expected;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Unparsed => Interlocked.Read(ref _unparsed);

    /// <summary>Called by client <paramref name="client"/>'s receive loop only.</summary>
    public void Record(int client, long sentTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        if (sentTimestamp <= 0)
        {
            Interlocked.Increment(ref _unparsed);
            return;
        }
        _latencies[client].Add(now - sentTimestamp);
        _last[client] = now;
        Interlocked.Increment(ref _delivered);
    }

    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Delivered < Expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    public long LastDelivery => _last.Max();

    public (double P50, double P99, double Max) LatencyMs()
    {
        var all = _latencies.SelectMany(l => l).ToArray();
        if (all.Length == 0)
            return (double.NaN, double.NaN, double.NaN);
        Array.Sort(all);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return (Ms(all[(int)(all.Length * 0.50)]), Ms(all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]), Ms(all[^1]));
    }
}
