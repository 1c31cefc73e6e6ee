using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Realtime.Actors.Ingress;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Starts this node's reading of the JetStream stream with the host. Start-up waits until the events stored at
/// start have reached the router, so a node serves sockets only once its recovery log and directory are current.
/// </summary>
public sealed class NatsIngressService(INatsConnection connection, INatsJSContext js, JetStreamBus bus, ActorSystem system, ActorRegistry registry, RealtimeOptions options) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _reading;

    /// <summary>True once the stored events were read and while this node's consumer keeps reading the stream.</summary>
    public bool IsReading => _reading is { IsCompleted: false };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.ConnectAsync();
        var router = await registry.GetAsync<RegistryKeys.Router>(cancellationToken);
        var backlog = new RouterBacklog(router, options.Ingest.MaxRouterBacklog);
        var ingress = new NatsIngress(js, bus, router, backlog, Logging.GetLogger(system, typeof(NatsIngress)));
        var (caughtUp, reading) = await ingress.StartAsync(options.Recovery.MaxEvents, options.Recovery.MaxAge, options.Ingest.DedupeWindow, _stopping.Token);
        await caughtUp.WaitAsync(cancellationToken);
        _reading = reading;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_reading is not null)
            await _reading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
