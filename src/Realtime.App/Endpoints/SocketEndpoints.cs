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
        RequestDelegate events = async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<SocketAcceptor>();
            var validator = context.RequestServices.GetRequiredService<ITokenValidator>();
            var router = await context.RequestServices.GetRequiredService<ActorRegistry>().GetAsync<RegistryKeys.Router>();
            await acceptor.AcceptAsync(context, "ws", outbound => EventSessionActor.Props(validator, outbound, acceptor.Limits, router));
        };
        app.Map("/ws", events);
        app.Map("/ws/event", events);
    }
}
