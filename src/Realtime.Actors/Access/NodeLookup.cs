using System.Net;
using System.Text.Json;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>
/// Reads a node the gateway has not seen in the directory or in tree events from the platform, as Cells does
/// (PROTOCOL 6): <c>GET &lt;Url&gt;/&lt;Uuid&gt;</c> answers 200 with a Node (its internal <c>Path</c> is what
/// counts) or 404. Answers, found and unknown, are cached for <see cref="NodeLookupSettings.CacheTtl"/>, at most
/// <see cref="NodeLookupSettings.CacheSize"/> of them; concurrent asks for one Uuid share one request (a room's
/// members all rejoin after a restart). Failures are not cached. Thread-safe.
/// </summary>
public sealed class NodeLookup(HttpClient http, NodeLookupSettings settings, TimeProvider time)
{
    /// <summary>A Node is a few hundred bytes; anything far larger is not one.</summary>
    private const int MaxAnswerBytes = 256 * 1024;

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Insertion order is expiry order (one TTL for all), so the head is always the first to go.
    private readonly LinkedList<string> _age = new();

    /// <summary>The node's internal path, or null when the platform does not know it.</summary>
    /// <exception cref="NodeLookupFailedException">No usable answer.</exception>
    public Task<string?> PathOfAsync(string uuid)
    {
        // "." and ".." would climb out of the lookup's path once the URL is normalised.
        if (uuid.Trim('.').Length == 0)
            return Task.FromResult<string?>(null);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(uuid, out var cached))
            {
                if (cached.Expires > now && !cached.Path.IsFaulted)
                    return cached.Path;
                Forget(uuid, cached);
            }
            while (_entries.Count >= settings.CacheSize && _age.First is { } oldest)
                Forget(oldest.Value, _entries[oldest.Value]);
            var entry = new Entry(FetchAsync(uuid), now + settings.CacheTtl, _age.AddLast(uuid));
            _entries[uuid] = entry;
            entry.Path.ContinueWith(_ => ForgetFailed(uuid, entry), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return entry.Path;
        }
    }

    private async Task<string?> FetchAsync(string uuid)
    {
        var url = new Uri($"{settings.Url.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(uuid)}");
        try
        {
            using var timeout = new CancellationTokenSource(settings.Timeout);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            if (!response.IsSuccessStatusCode)
                throw new NodeLookupFailedException($"node {uuid} could not be looked up (HTTP {(int)response.StatusCode}): try again");
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
                throw new NodeLookupFailedException($"node {uuid} could not be looked up (answer too large)");
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            using var document = JsonDocument.Parse(body);
            var path = document.RootElement.ValueKind == JsonValueKind.Object ? Node.Parse(document.RootElement).Path : "";
            return path.Length > 0 ? path : throw new NodeLookupFailedException($"node {uuid} could not be looked up (no Path in the answer)");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or FormatException)
        {
            throw new NodeLookupFailedException($"node {uuid} could not be looked up: try again", e);
        }
    }

    private void ForgetFailed(string uuid, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(uuid, out var current) && current == entry)
                Forget(uuid, entry);
        }
    }

    private void Forget(string uuid, Entry entry)
    {
        _entries.Remove(uuid);
        _age.Remove(entry.Age);
    }

    private sealed record Entry(Task<string?> Path, DateTimeOffset Expires, LinkedListNode<string> Age);
}
