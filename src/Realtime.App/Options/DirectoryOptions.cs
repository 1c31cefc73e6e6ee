using Realtime.Actors.Access;
using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>
/// Where the access directory snapshot comes from (<c>Realtime:Directory</c>): a JSON file or an HTTP URL; and
/// the platform's node lookup for NODE chat rooms of nodes the gateway has not seen (PROTOCOL 6).
/// </summary>
public sealed class DirectoryOptions
{
    /// <summary>The default in Development only (next to the binaries, see Realtime.App.csproj).</summary>
    public const string SampleSnapshotFile = "samples/directory.json";

    public string? SnapshotFile { get; set; }
    public string? SnapshotUrl { get; set; }

    /// <summary>How often the snapshot is read again (a URL with If-None-Match / If-Modified-Since); differences apply at once.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool HasSource => !string.IsNullOrEmpty(SnapshotFile) || !string.IsNullOrEmpty(SnapshotUrl);

    /// <summary>Base URL of the node lookup (<c>GET &lt;url&gt;/&lt;Uuid&gt;</c>); none = unseen nodes are refused.</summary>
    public string? NodeLookupUrl { get; set; }

    /// <summary>Most lookup answers kept per node.</summary>
    public int NodeLookupCacheSize { get; set; } = 10_000;

    /// <summary>How long a lookup answer (found or unknown) is reused.</summary>
    public TimeSpan NodeLookupCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for one lookup answer.</summary>
    public TimeSpan NodeLookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The lookup's settings, or null when no URL is configured.</summary>
    public NodeLookupSettings? ToNodeLookupSettings() =>
        string.IsNullOrEmpty(NodeLookupUrl)
            ? null
            : new NodeLookupSettings(new Uri(NodeLookupUrl, UriKind.Absolute), NodeLookupCacheSize, NodeLookupCacheTtl, NodeLookupTimeout);

    public IEnumerable<string> Validate()
    {
        var rules = new OptionRules("Realtime:Directory");
        rules.Check(string.IsNullOrEmpty(SnapshotFile) || string.IsNullOrEmpty(SnapshotUrl),
            $"set {rules.Name(nameof(SnapshotFile))} or {rules.Name(nameof(SnapshotUrl))}, not both");
        rules.Check(string.IsNullOrEmpty(SnapshotUrl) || Uri.TryCreate(SnapshotUrl, UriKind.Absolute, out _),
            $"{rules.Name(nameof(SnapshotUrl))} must be an absolute URL");
        rules.Check(string.IsNullOrEmpty(NodeLookupUrl) || (Uri.TryCreate(NodeLookupUrl, UriKind.Absolute, out var lookup) && lookup.Scheme is "http" or "https"),
            $"{rules.Name(nameof(NodeLookupUrl))} must be an absolute http(s) URL");
        return rules
            .Positive(nameof(RefreshInterval), RefreshInterval)
            .AtLeast(nameof(NodeLookupCacheSize), NodeLookupCacheSize, 1)
            .NotNegative(nameof(NodeLookupCacheTtl), NodeLookupCacheTtl)
            .Positive(nameof(NodeLookupTimeout), NodeLookupTimeout)
            .Errors;
    }
}
