using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Realtime.Actors.Ingress;
using Realtime.Messages.Bus;
using Realtime.Tests.Infrastructure;
using Xunit;

namespace Realtime.Tests.Ingress;

/// <summary>The NATS intake never grows the router's mailbox past the backlog bound: events wait in the stream instead.</summary>
[Collection("nats")]
public sealed class NatsIntakeBackpressureTests(NatsServerFixture nats) : TestKit
{
    private const int Bound = 10, Events = 500;

    [Fact]
    public async Task A_router_that_is_behind_holds_at_most_the_bound_and_gets_every_event_once_it_catches_up()
    {
        using var release = new ManualResetEventSlim(false);
        var delivered = 0;
        var router = Sys.ActorOf(Props.Create(() => new HeldRouter(release, () => Interlocked.Increment(ref delivered))));
        await nats.ResetStreamAsync();
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        var js = new NatsJSContext(connection);
        var backlog = new RouterBacklog(router, Bound);
        using var stopping = new CancellationTokenSource();
        var (_, pumps) = await new NatsIngress(js, new JetStreamBus(js, "REALTIME"), router, backlog, Sys.Log)
            .StartAsync(10_000, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), stopping.Token);

        await using var publisher = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        for (var i = 0; i < Events; i++)
            await publisher.PublishAsync(BusTopic.Tree.Subject(), Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));

        var largest = 0;
        for (var i = 0; i < 20; i++)
        {
            largest = Math.Max(largest, backlog.Current);
            await Task.Delay(50);
        }
        // The router took one message and holds it; the pump may have passed the check once before the mailbox grew.
        Assert.InRange(largest, Bound, Bound + 2);

        release.Set();
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref delivered) == Events), TimeSpan.FromSeconds(20));
        await stopping.CancelAsync();
        await pumps.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A router stuck on its first event until released (its mailbox fills meanwhile).</summary>
    private sealed class HeldRouter : ReceiveActor
    {
        public HeldRouter(ManualResetEventSlim release, Action delivered) =>
            Receive<BusEvent>(_ =>
            {
                release.Wait();
                delivered();
            });
    }
}
