using Akka.Hosting;
using Realtime.Actors.Auth;
using Realtime.Actors.Chat;
using Realtime.App.Hosting;
using Realtime.App.Options;
using Realtime.Messages.Chat;

namespace Realtime.App.Endpoints;

/// <summary>Maps <c>/chat</c> and its alias <c>/ws/chat</c> (PROTOCOL 1, 6): same upgrade rules and limits as <c>/ws</c>.</summary>
public static class ChatSocketEndpoints
{
    public static void MapChatSockets(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RealtimeOptions>();
        var settings = options.Chat.ToSessionSettings();
        // One HISTORY page of the largest messages (escaping may double them) must fit in the queue, or a
        // legitimate request would close the socket as a slow consumer.
        var historyPageBytes = (long)GetHistory.MaxLimit * (2L * options.Chat.MaxChatMessageBytes + 512);
        RequestDelegate chat = async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<SocketAcceptor>();
            var validator = context.RequestServices.GetRequiredService<ITokenValidator>();
            var registry = context.RequestServices.GetRequiredService<ActorRegistry>();
            var router = await registry.GetAsync<RegistryKeys.Router>();
            var rooms = await registry.GetAsync<ChatRoomRegion>();
            await acceptor.AcceptAsync(context, "chat", outbound => ChatSessionActor.Props(validator, outbound, acceptor.Limits, router, rooms, settings), historyPageBytes);
        };
        app.Map("/chat", chat);
        app.Map("/ws/chat", chat);
    }
}
