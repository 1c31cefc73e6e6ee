using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>Loads the access directory snapshot (PROTOCOL 4.1) from a file or an HTTP URL at start-up.</summary>
public static class AccessDirectoryLoader
{
    public static async Task<AccessDirectory> LoadAsync(DirectoryOptions options, int maxRecentNodes, CancellationToken cancellationToken)
    {
        string json;
        if (!string.IsNullOrEmpty(options.SnapshotUrl))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            try
            {
                json = await http.GetStringAsync(options.SnapshotUrl, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new OptionsException([$"Directory:SnapshotUrl '{options.SnapshotUrl}' could not be read: {e.Message}"]);
            }
        }
        else if (!string.IsNullOrEmpty(options.SnapshotFile))
        {
            json = await File.ReadAllTextAsync(ResolveFile(options.SnapshotFile), cancellationToken);
        }
        else
        {
            return new AccessDirectory(maxRecentNodes);
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return AccessDirectory.FromSnapshot(document.RootElement, maxRecentNodes);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new OptionsException([$"Directory snapshot is not valid: {e.Message}"]);
        }
    }

    // Relative paths are tried against the working directory, then next to the binaries (where samples/ is copied).
    private static string ResolveFile(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
            return path;
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, path);
        if (File.Exists(besideBinaries))
            return besideBinaries;
        throw new OptionsException([$"Directory:SnapshotFile '{path}' does not exist"]);
    }
}
