using Akka.Actor;
using Akka.Hosting;
using Realtime.Actors.Sessions;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Drains in the host's "stopping" phase, before any hosted service stops (Kestrel would otherwise stop first
/// and hold the sockets): /readyz turns unready, sockets close with 1012 in batches, and only then does Akka's
/// CoordinatedShutdown hand off shards and leave the cluster.
/// </summary>
public sealed class DrainService(DrainState state, ActorSystem system, ActorRegistry registry, RealtimeOptions options, ILogger<DrainService> log) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drain = options.Drain;
        state.Begin();
        if (system.WhenTerminated.IsCompleted)
            return; // Nothing left to drain: the actor system (and with it every session) is already gone.
        log.LogInformation("Draining: unready now, closing sockets in {Delay}", drain.UnreadyDelay);
        await Task.Delay(drain.UnreadyDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            var sessions = await registry.GetAsync<RegistryKeys.Sessions>(cancellationToken);
            var drained = sessions.Ask<SessionsDrained>(new DrainSessions(drain.BatchSize, drain.Interval), drain.Timeout - drain.UnreadyDelay, cancellationToken);
            // An actor system stopped meanwhile (by anyone) answers nothing: no point waiting for the timeout.
            if (await Task.WhenAny(drained, system.WhenTerminated) != drained)
            {
                log.LogWarning("The actor system stopped during the drain");
                return;
            }
            await drained;
            log.LogInformation("Drained every socket");
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or OperationCanceledException)
        {
            log.LogWarning("Drain did not finish in {Timeout}; leaving the cluster anyway", drain.Timeout);
        }
    }
}
