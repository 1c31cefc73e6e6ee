namespace Realtime.Actors.Metrics;

/// <summary>
/// At most one log line per key and interval: a burst of the same problem (a client retrying a bad token a thousand
/// times, a JWKS endpoint down) costs one line per interval, and that line says how many were left out. Thread-safe.
/// </summary>
public sealed class LogThrottle(TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>True when a line for <paramref name="key"/> may be written now; <paramref name="suppressed"/> is how many were not since the last one.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && time.GetElapsedTime(entry.LoggedAt, now) < interval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }
            suppressed = entry?.Suppressed ?? 0;
            _entries[key] = new Entry { LoggedAt = now };
            return true;
        }
    }

    private sealed class Entry
    {
        public long LoggedAt;
        public long Suppressed;
    }
}
