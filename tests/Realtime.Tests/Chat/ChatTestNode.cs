using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Cluster.Hosting;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Realtime.Actors.Chat;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Chat;

/// <summary>
/// One real cluster node (127.0.0.1, random port, joins itself) hosting the chat shard region on a real
/// journal, started through Akka.Hosting as Program does, with the shipped hocon/.
/// </summary>
public sealed class ChatTestNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ChatTestNode(IHost host, ActorSystem system, IActorRef region)
    {
        _host = host;
        System = system;
        Region = region;
    }

    public ActorSystem System { get; }

    public IActorRef Region { get; }

    public static async Task<ChatTestNode> StartAsync(ChatJournalSettings journal, ChatRoomSettings rooms, int shardCount = 10)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("realtime-test", builder => builder
                .AddHocon("akka.loglevel = WARNING\nakka.coordinated-shutdown.exit-clr = off", HoconAddMode.Prepend)
                .AddHocon(ShippedHocon.For(new ClusterNodeOptions()), HoconAddMode.Prepend)
                .WithRemoting("127.0.0.1", 0)
                .WithClustering(new ClusterOptions())
                .WithRealtimePersistence(journal)
                .WithRealtimeChatRooms(rooms, shardCount)))
            .Build();
        await host.StartAsync();

        var system = (ActorSystem)host.Services.GetService(typeof(ActorSystem))!;
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var registry = (IActorRegistry)host.Services.GetService(typeof(IActorRegistry))!;
        return new ChatTestNode(host, system, await registry.GetAsync<ChatRoomRegion>());
    }

    public TestProbe Probe() => new(System, new XunitAssertions());

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        // Release the SQLite file so the next node (or the test's cleanup) can open it.
        SqliteConnection.ClearAllPools();
    }
}
