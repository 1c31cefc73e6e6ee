using Akka.Actor;
using Akka.Hosting;
using Realtime.Actors.Routing;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Keeps the access directory true (issue 8): reads the snapshot again every <c>Directory:RefreshInterval</c> and
/// hands a changed one to the router, which applies the differences at once. Until a first snapshot is in, it
/// retries with backoff (1 s doubling up to the interval). A snapshot that cannot be read or is not valid keeps
/// the last good one; the failure is logged and counted.
/// </summary>
public sealed class DirectoryRefreshService(
    RealtimeOptions options, DirectorySnapshotSource source, DirectoryState state, ActorRegistry registry, ILogger<DirectoryRefreshService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Directory.HasSource)
            return;
        var router = await registry.GetAsync<RegistryKeys.Router>(stoppingToken);
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Directory.RefreshInterval;
            if (!state.IsLoaded)
            {
                wait = retry < wait ? retry : wait;
                retry *= 2;
            }
            await Task.Delay(wait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
                return;
            try
            {
                if (await source.ReadIfChangedAsync(stoppingToken) is not { } json)
                    continue;
                if (AccessDirectoryLoader.Parse(json, options.Routing.MaxRecentNodes, state) is not { } snapshot)
                {
                    source.Forget();
                    log.LogWarning("Directory snapshot from {Source} refused, keeping the last good one: {Problem}", source.Description, state.LastProblem);
                    continue;
                }
                router.Tell(new ReplaceDirectory(snapshot));
                if (!state.IsLoaded)
                    log.LogInformation("Directory snapshot from {Source} loaded", source.Description);
                state.Loaded();
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                state.Failed($"could not read {source.Description}: {e.Message}");
                log.LogWarning("Directory snapshot from {Source} could not be read, keeping the last good one: {Problem}", source.Description, e.Message);
            }
        }
    }
}
