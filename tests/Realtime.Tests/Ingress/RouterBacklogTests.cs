using Akka.Actor;
using Akka.TestKit.Xunit2;
using Realtime.Actors.Ingress;
using Realtime.Actors.Routing;
using Xunit;

namespace Realtime.Tests.Ingress;

/// <summary>The backlog an intake sees: the router's mailbox plus its busiest partition's.</summary>
public sealed class RouterBacklogTests : TestKit
{
    [Fact]
    public void The_backlog_is_the_routers_mailbox_plus_its_busiest_partitions()
    {
        using var release = new ManualResetEventSlim(false);
        var router = Sys.ActorOf(Props.Create(() => new RouterWithHeldPartitions(release, 3)));
        var backlog = new RouterBacklog(router, maxMessages: 4);
        try
        {
            // Each partition holds its first message, so the rest wait in its mailbox: 1, 5 and 2 waiting.
            foreach (var (partition, messages) in new[] { (0, 2), (1, 6), (2, 3) })
            {
                for (var i = 0; i < messages; i++)
                    router.Tell(new ToPartition(partition));
            }
            AwaitAssert(() => Assert.Equal(5, backlog.Current), TimeSpan.FromSeconds(10));
            Assert.True(backlog.IsFull);
        }
        finally
        {
            release.Set();
        }
        AwaitAssert(() => Assert.Equal(0, backlog.Current), TimeSpan.FromSeconds(10));
        Assert.False(backlog.IsFull);
    }

    private sealed record ToPartition(int Index);

    /// <summary>A router whose partitions (named as TopicRouter names them) are stuck on their first message until released.</summary>
    private sealed class RouterWithHeldPartitions : ReceiveActor
    {
        public RouterWithHeldPartitions(ManualResetEventSlim release, int partitions)
        {
            var children = Enumerable.Range(0, partitions)
                .Select(i => Context.ActorOf(Props.Create(() => new HeldPartition(release)), TopicRouter.PartitionName(i)))
                .ToArray();
            Receive<ToPartition>(m => children[m.Index].Forward(m));
        }
    }

    private sealed class HeldPartition : ReceiveActor
    {
        public HeldPartition(ManualResetEventSlim release) => ReceiveAny(_ => release.Wait());
    }
}
