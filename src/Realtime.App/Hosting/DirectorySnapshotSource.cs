using System.Net;
using System.Net.Http.Headers;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Reads the access directory snapshot (PROTOCOL 4.1) from its file or URL, and says when it has not changed since
/// the last read: a URL is asked with If-None-Match / If-Modified-Since (a 304 is "unchanged"), a file by its
/// last write time.
/// </summary>
public sealed class DirectorySnapshotSource(DirectoryOptions options) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private EntityTagHeaderValue? _etag;
    private DateTimeOffset? _lastModified;
    private DateTime? _fileWrittenAt;

    public string Description => options.SnapshotUrl ?? options.SnapshotFile ?? "(none)";

    /// <summary>The snapshot's text, or null when it has not changed. Throws when it cannot be read.</summary>
    public async Task<string?> ReadIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.SnapshotUrl))
            return await ReadUrlAsync(options.SnapshotUrl, cancellationToken);
        var path = ResolveFile(options.SnapshotFile!);
        var writtenAt = File.GetLastWriteTimeUtc(path);
        if (writtenAt == _fileWrittenAt)
            return null;
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        _fileWrittenAt = writtenAt;
        return text;
    }

    /// <summary>Forgets what was read, so the next read returns the snapshot even if unchanged (after a bad one).</summary>
    public void Forget()
    {
        _etag = null;
        _lastModified = null;
        _fileWrittenAt = null;
    }

    private async Task<string?> ReadUrlAsync(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_etag is not null)
            request.Headers.IfNoneMatch.Add(_etag);
        if (_lastModified is not null)
            request.Headers.IfModifiedSince = _lastModified;
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
            return null;
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        _etag = response.Headers.ETag;
        _lastModified = response.Content.Headers.LastModified;
        return text;
    }

    // Relative paths are tried against the working directory, then next to the binaries (where samples/ is copied).
    public static string ResolveFile(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
            return path;
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, path);
        if (File.Exists(besideBinaries))
            return besideBinaries;
        throw new OptionsException([$"Directory:SnapshotFile '{path}' does not exist"]);
    }

    public void Dispose() => _http.Dispose();
}
