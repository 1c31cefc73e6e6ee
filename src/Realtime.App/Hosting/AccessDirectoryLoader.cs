using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// The access directory at start-up (PROTOCOL 4.1). A file must be there and valid (a setting error stops
/// start-up); a URL that cannot be read, or serves a bad snapshot, leaves the node with an empty directory and
/// unready, and <see cref="DirectoryRefreshService"/> keeps trying.
/// </summary>
public static class AccessDirectoryLoader
{
    public static async Task<AccessDirectory> LoadAsync(DirectoryOptions options, DirectorySnapshotSource source, DirectoryState state, int maxRecentNodes, CancellationToken cancellationToken)
    {
        if (!options.HasSource)
        {
            state.Loaded();
            return new AccessDirectory(maxRecentNodes);
        }
        if (string.IsNullOrEmpty(options.SnapshotUrl))
        {
            var directory = Parse(await source.ReadIfChangedAsync(cancellationToken) ?? "", maxRecentNodes)
                ?? throw new OptionsException([$"Directory snapshot '{options.SnapshotFile}' is not valid: {state.LastProblem}"]);
            state.Loaded();
            return directory;
        }
        try
        {
            if (Parse(await source.ReadIfChangedAsync(cancellationToken) ?? "", maxRecentNodes, state) is { } directory)
            {
                state.Loaded();
                return directory;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            state.Failed($"could not read {options.SnapshotUrl}: {e.Message}");
        }
        source.Forget();
        return new AccessDirectory(maxRecentNodes);
    }

    /// <summary>The directory of a snapshot text; null (and the problem recorded) when it is not a valid snapshot.</summary>
    public static AccessDirectory? Parse(string json, int maxRecentNodes, DirectoryState? state = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return AccessDirectory.FromSnapshot(document.RootElement, maxRecentNodes);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            state?.Failed($"the snapshot is not valid: {e.Message}");
            return null;
        }
    }
}
