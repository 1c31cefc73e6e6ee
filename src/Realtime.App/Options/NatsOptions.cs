namespace Realtime.App.Options;

/// <summary>The NATS bus (<c>Realtime:Nats</c>). Without a URL, HTTP ingest goes straight to the routers.</summary>
public sealed class NatsOptions
{
    public string? Url { get; set; }

    /// <summary>The JetStream stream over every bus subject (created when missing; retention from <c>Recovery</c>).</summary>
    public string Stream { get; set; } = "REALTIME";

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<string> Validate()
    {
        if (Enabled && !Uri.TryCreate(Url, UriKind.Absolute, out _))
            yield return "Nats:Url must be an absolute URL such as nats://127.0.0.1:4222";
        if (string.IsNullOrWhiteSpace(Stream) || Stream.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c)))
            yield return "Nats:Stream must be a JetStream stream name (no spaces, '.', '*' or '>')";
    }
}
