using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using NATS.Client.Core;
using Realtime.Actors.Ingress;
using Realtime.Actors.Routing;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>Starts this node's NATS subscriptions with the host; start-up waits until they exist.</summary>
public sealed class NatsIngressService(INatsConnection connection, ActorSystem system, ActorRegistry registry, RoutingCounters counters, RealtimeOptions options) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _pumps = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.ConnectAsync();
        var router = await registry.GetAsync<RegistryKeys.Router>(cancellationToken);
        var backlog = new RouterBacklog(router, options.Ingest.MaxRouterBacklog);
        var ingress = new NatsIngress(connection, router, backlog, counters, Logging.GetLogger(system, typeof(NatsIngress)));
        _pumps = await ingress.StartAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _pumps.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
