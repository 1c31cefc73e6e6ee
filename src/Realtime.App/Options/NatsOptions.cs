using Realtime.Messages.Settings;

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
        var rules = new OptionRules("Realtime:Nats");
        return rules
            .Check(!Enabled || Uri.TryCreate(Url, UriKind.Absolute, out _), $"{rules.Name(nameof(Url))} must be an absolute URL such as nats://127.0.0.1:4222")
            .Check(!string.IsNullOrWhiteSpace(Stream) && !Stream.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c)),
                $"{rules.Name(nameof(Stream))} must be a JetStream stream name (no spaces, '.', '*' or '>')")
            .Errors;
    }
}
