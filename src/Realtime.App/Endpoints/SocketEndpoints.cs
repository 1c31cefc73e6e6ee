using Akka.Hosting;
using Realtime.Actors.Auth;
using Realtime.Actors.Sessions;
using Realtime.App.Hosting;

namespace Realtime.App.Endpoints;

/// <summary>Maps <c>/ws</c> and its alias <c>/ws/event</c> (PROTOCOL 1).</summary>
public static class SocketEndpoints
{
    public static void MapEventSockets(this WebApplication app)
    {
        var acceptor = app.Services.GetRequiredService<SocketAcceptor>();
        var validator = app.Services.GetRequiredService<ITokenValidator>();
        var registry = app.Services.GetRequiredService<ActorRegistry>();
        app.MapSockets(acceptor, new SocketRoute("ws", ["/ws", "/ws/event"], async outbound =>
            EventSessionActor.Props(validator, outbound, acceptor.Limits, await registry.GetAsync<RegistryKeys.Router>())));
    }

    /// <summary>The route's paths, both on the connection (plain upgrades) and in the HTTP stack (everything else).</summary>
    public static void MapSockets(this WebApplication app, SocketAcceptor acceptor, SocketRoute route)
    {
        acceptor.Add(route);
        foreach (var path in route.Paths)
            app.Map(path, context => acceptor.AcceptAsync(context, route));
    }
}
