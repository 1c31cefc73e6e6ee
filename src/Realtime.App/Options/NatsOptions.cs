namespace Realtime.App.Options;

/// <summary>The NATS bus (<c>Realtime:Nats</c>). Without a URL, HTTP ingest goes straight to the routers.</summary>
public sealed class NatsOptions
{
    public string? Url { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<string> Validate()
    {
        if (Enabled && !Uri.TryCreate(Url, UriKind.Absolute, out _))
            yield return "Nats:Url must be an absolute URL such as nats://127.0.0.1:4222";
    }
}
