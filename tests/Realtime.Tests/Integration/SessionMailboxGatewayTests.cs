using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Actors.Chat;
using Realtime.Actors.Sessions;
using Realtime.App.Hosting;
using Realtime.Tests.Sessions;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>The sessions a real gateway starts for its sockets run on <see cref="SessionMailbox"/>.</summary>
[Collection("gateway")]
public sealed class SessionMailboxGatewayTests
{
    [Fact]
    public async Task Event_and_chat_sessions_of_real_sockets_run_on_the_session_queue()
    {
        await using var gateway = await TestGateway.StartAsync(ChatTestDirectory.Settings(), Json);
        await using var events = await gateway.SubscribeAsync("alice", Team);
        await using var chat = await gateway.SubscribeAsync("alice", Team, path: "/ws/chat");

        var supervisor = gateway.Services.GetRequiredService<ActorRegistry>().Get<RegistryKeys.Sessions>();
        var queues = ActorCells.Of(supervisor).GetChildren()
            .ToDictionary(session => ActorCells.Of(session).Props.Type, session => ActorCells.QueueOf(session).GetType());

        Assert.Equal(new Dictionary<Type, Type>
        {
            [typeof(EventSessionActor)] = typeof(SessionMessageQueue),
            [typeof(ChatSessionActor)] = typeof(SessionMessageQueue),
        }, queues);
    }
}
