using Akka.Hosting;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.Chat;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.App.Endpoints;

/// <summary>Maps <c>/chat</c> and its alias <c>/ws/chat</c> (PROTOCOL 1, 6): same upgrade rules and limits as <c>/ws</c>.</summary>
public static class ChatSocketEndpoints
{
    public static void MapChatSockets(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RealtimeOptions>();
        var settings = options.Chat.ToSessionSettings();
        // One lookup (and one cache) per node, shared by its chat sockets.
        var nodeLookup = options.Directory.ToNodeLookupSettings() is { } lookup
            ? new NodeLookup(new HttpClient(), lookup, TimeProvider.System)
            : null;
        RequestDelegate chat = async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<SocketAcceptor>();
            var validator = context.RequestServices.GetRequiredService<ITokenValidator>();
            var registry = context.RequestServices.GetRequiredService<ActorRegistry>();
            var router = await registry.GetAsync<RegistryKeys.Router>();
            var rooms = await registry.GetAsync<ChatRoomRegion>();
            await acceptor.AcceptAsync(context, "chat", outbound => ChatSessionActor.Props(validator, outbound, acceptor.Limits, router, rooms, settings, nodeLookup));
        };
        app.Map("/chat", chat);
        app.Map("/ws/chat", chat);
    }
}
