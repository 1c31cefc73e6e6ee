using System.Net.Sockets;
using System.Net.WebSockets;
using Akka.Actor;
using Akka.Hosting;
using Realtime.Actors.Metrics;
using Realtime.Actors.Sessions;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.App.Endpoints;

/// <summary>
/// The socket paths of a node: 400 for a plain GET, 403 for a refused Origin, 503 with Retry-After when the
/// node holds <c>MaxConnections</c> sockets, then the upgrade, one session actor and the socket stream for as long
/// as the connection lives. Plain upgrades are taken from the connection itself (<see cref="ConnectionUpgrade"/>);
/// the others come through the HTTP stack.
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

    private readonly OutboundQueueMonitor _queues = new(options.Sockets.SlowConsumerTimeout, options.Sockets.CloseTimeout, options.Sockets.PingInterval, options.Sockets.IdleTimeout);

    private readonly Dictionary<string, SocketRoute> _routes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers a kind of socket, before the host starts.</summary>
    public void Add(SocketRoute route)
    {
        foreach (var path in route.Paths)
            _routes.Add(path, route);
    }

    /// <summary>The route of a plain request path, matched as endpoint routing does (any case, one trailing slash).</summary>
    public SocketRoute? Find(string path)
    {
        var trimmed = path.Length > 1 && path[^1] == '/' ? path[..^1] : path;
        return _routes.GetValueOrDefault(trimmed);
    }

    /// <summary>An upgrade through ASP.NET Core's HTTP stack: refusals are answered here.</summary>
    public async Task AcceptAsync(HttpContext context, SocketRoute route)
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
        (WebSocket Socket, SocketOutput Output) upgraded;
        try
        {
            upgraded = await WebSocketHandshake.UpgradeAsync(context);
        }
        catch
        {
            _slots.Return();
            throw;
        }
        await RunSocketAsync(upgraded.Socket, upgraded.Output, route);
    }

    /// <summary>
    /// Takes a socket slot for an upgrade read straight from the connection (<see cref="ConnectionUpgrade"/>); null
    /// when it is not for a socket path or would be refused: the request then goes to the HTTP stack, which answers it.
    /// </summary>
    public SocketRoute? TryReserve(UpgradeRequest request) =>
        Find(request.Path) is { } route && OriginAllowed(request.Origin) && _slots.TryTake() ? route : null;

    /// <summary>Gives back the slot of a reservation that will not be run (the peer went away).</summary>
    public void Unreserve() => _slots.Return();

    /// <summary>Answers 101 on a network socket whose request head was consumed and whose slot <see cref="TryReserve"/> took, and runs it.</summary>
    public Task AcceptReservedAsync(Socket networkSocket, UpgradeRequest request, SocketRoute route)
    {
        var (socket, output) = WebSocketHandshake.Open(new NetworkSocketStream(networkSocket));
        return RunSocketAsync(socket, output, route, WebSocketHandshake.SwitchingProtocolsResponse(request.Key));
    }

    /// <summary>Runs an upgraded socket until it closes, then gives its slot back.</summary>
    /// <param name="switchingProtocols">The 101 answer still to write, when the upgrade was taken on the connection.</param>
    private async Task RunSocketAsync(WebSocket socket, SocketOutput output, SocketRoute route, byte[]? switchingProtocols = null)
    {
        try
        {
            using var _ = socket; // disposes the connection stream too
            if (switchingProtocols is not null)
                await output.WriteFramesAsync(switchingProtocols);
            var outbound = new OutboundQueue(Limits, _counters);
            var supervisor = await registry.GetAsync<RegistryKeys.Sessions>();
            var session = await supervisor.Ask<IActorRef>(new OpenSession(await route.SessionProps(outbound)), TimeSpan.FromSeconds(10));
            _counters.SocketOpened(route.Endpoint);
            _queues.Watch(outbound, output);
            try
            {
                await SocketStream.RunAsync(socket, output, session, outbound, Limits, _counters);
            }
            finally
            {
                _queues.Forget(outbound);
                session.Tell(PoisonPill.Instance);
                _counters.SocketClosed(route.Endpoint, outbound.CloseCode);
            }
        }
        finally
        {
            _slots.Return();
        }
    }

    // The allow-list protects browsers (which always send Origin) from cross-site sockets; a client without
    // an Origin is not a browser and proves itself by its token, as in Centrifugo.
    private bool OriginAllowed(string origin) =>
        options.Sockets.AllowedOrigins.Count == 0 || origin.Length == 0 ||
        options.Sockets.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    public void Dispose() => _queues.Dispose();
}
