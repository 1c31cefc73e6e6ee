namespace Realtime.App.Options;

/// <summary>The NATS bus (<c>Realtime:Nats</c>). Without a URL, HTTP ingest goes straight to the routers.</summary>
public sealed class NatsOptions
{
    public string? Url { get; set; }

    /// <summary>Events each subject's subscription holds while the router is behind; beyond that NATS drops (counted).</summary>
    public int PendingMessages { get; set; } = 16_384;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<string> Validate()
    {
        if (Enabled && !Uri.TryCreate(Url, UriKind.Absolute, out _))
            yield return "Nats:Url must be an absolute URL such as nats://127.0.0.1:4222";
        if (PendingMessages < 1)
            yield return "Nats:PendingMessages must be at least 1";
    }
}
