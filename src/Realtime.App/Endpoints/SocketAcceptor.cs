using System.Net.WebSockets;
using Akka.Actor;
using Akka.Hosting;
using Realtime.Actors.Metrics;
using Realtime.Actors.Sessions;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.App.Endpoints;

/// <summary>
/// The HTTP side of a socket path: 400 for a plain GET, 403 for a refused Origin, 503 with Retry-After when the
/// node holds <c>MaxConnections</c> sockets, then the upgrade, one session actor and the socket stream for as long
/// as the connection lives.
/// </summary>
public sealed class SocketAcceptor(ActorSystem system, ActorRegistry registry, RealtimeOptions options) : IDisposable
{
    private readonly RealtimeCounters _counters = RealtimeCounters.For(system);
    private readonly OpenSocketSlots _slots = new(options.Sockets.MaxConnections);

    /// <summary>Seconds a client refused for <c>MaxConnections</c> is told to wait (sockets come and go in seconds).</summary>
    public const int FullRetryAfterSeconds = 5;

    public SocketLimits Limits { get; } = new(
        options.Sockets.AuthTimeout,
        options.Sockets.MaxFrameBytes,
        options.Sockets.MaxInboundPerSecond,
        options.Sockets.EffectiveInboundBurst,
        options.Sockets.MaxQueueBytes,
        options.Sockets.SlowConsumerTimeout,
        options.Sockets.TokenExpiryGrace,
        options.Sockets.CloseTimeout,
        options.Sockets.MaxSocketsPerUser);

    private readonly OutboundQueueMonitor _queues = new(options.Sockets.SlowConsumerTimeout, options.Sockets.CloseTimeout);

    public async Task AcceptAsync(HttpContext context, string endpoint, Func<OutboundQueue, Props> sessionProps)
    {
        if (!WebSocketHandshake.CanUpgrade(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("WebSocket upgrade expected\n");
            return;
        }
        if (!OriginAllowed(context.Request.Headers.Origin.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("origin not allowed\n");
            return;
        }
        if (!_slots.TryTake())
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = FullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("too many connections\n");
            return;
        }
        try
        {
            await RunSocketAsync(context, endpoint, sessionProps);
        }
        finally
        {
            _slots.Return();
        }
    }

    private async Task RunSocketAsync(HttpContext context, string endpoint, Func<OutboundQueue, Props> sessionProps)
    {
        var (socket, output) = await WebSocketHandshake.UpgradeAsync(context, options.Sockets.PingInterval, options.Sockets.IdleTimeout);
        using var _ = socket; // disposes the connection stream too
        var outbound = new OutboundQueue(Limits, _counters);
        var supervisor = await registry.GetAsync<RegistryKeys.Sessions>();
        var session = await supervisor.Ask<IActorRef>(new OpenSession(sessionProps(outbound)), TimeSpan.FromSeconds(10));
        _counters.SocketOpened(endpoint);
        _queues.Watch(outbound);
        try
        {
            await SocketStream.RunAsync(socket, output, session, outbound, Limits, _counters);
        }
        finally
        {
            _queues.Forget(outbound);
            session.Tell(PoisonPill.Instance);
            _counters.SocketClosed(endpoint, outbound.CloseCode);
        }
    }

    // The allow-list protects browsers (which always send Origin) from cross-site sockets; a client without
    // an Origin is not a browser and proves itself by its token, as in Centrifugo.
    private bool OriginAllowed(string origin) =>
        options.Sockets.AllowedOrigins.Count == 0 || origin.Length == 0 ||
        options.Sockets.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    public void Dispose() => _queues.Dispose();
}
