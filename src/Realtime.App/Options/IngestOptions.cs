using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>HTTP event ingestion (<c>Realtime:Ingest</c>, PROTOCOL 5).</summary>
public sealed class IngestOptions
{
    /// <summary>Accepted bearer keys; when empty a development key is generated into the data directory.</summary>
    public List<string> Keys { get; set; } = [];
    public long MaxIngestBytes { get; set; } = 1024 * 1024;

    /// <summary>Events waiting for this node's router above which ingest answers 503 with Retry-After.</summary>
    public int MaxRouterBacklog { get; set; } = 10_000;

    /// <summary>A POST retried with the same Idempotency-Key within this window is applied once (PROTOCOL 5).</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Validate()
    {
        var rules = new OptionRules("Realtime:Ingest")
            .AtLeast(nameof(MaxIngestBytes), MaxIngestBytes, 1)
            .AtLeast(nameof(MaxRouterBacklog), MaxRouterBacklog, 1)
            .Positive(nameof(DedupeWindow), DedupeWindow);
        // Never echo a key into logs.
        return rules.Check(Keys.All(k => k.Length >= 16), $"{rules.Name(nameof(Keys))} must be at least 16 characters each").Errors;
    }
}
