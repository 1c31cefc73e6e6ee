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
        var acceptor = app.Services.GetRequiredService<SocketAcceptor>();
        var validator = app.Services.GetRequiredService<ITokenValidator>();
        var registry = app.Services.GetRequiredService<ActorRegistry>();
        app.MapSockets(acceptor, new SocketRoute("chat", ["/chat", "/ws/chat"], async outbound =>
            ChatSessionActor.Props(validator, outbound, acceptor.Limits, await registry.GetAsync<RegistryKeys.Router>(), await registry.GetAsync<ChatRoomRegion>(), settings, nodeLookup)));
    }
}
