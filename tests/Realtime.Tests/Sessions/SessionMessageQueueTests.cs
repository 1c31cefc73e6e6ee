using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using Realtime.Actors.Sessions;

namespace Realtime.Tests.Sessions;

/// <summary>The session actors' message queue on its own: order, concurrent producers, clean-up.</summary>
public sealed class SessionMessageQueueTests
{
    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_across_growth_and_wrap_around()
    {
        var queue = new SessionMessageQueue();
        var next = 0;
        var expected = 0;
        // Uneven rounds: the ring wraps, grows from a wrapped state, drains (and is given back), starts again.
        foreach (var (enqueue, dequeue) in new[] { (1, 1), (2, 1), (3, 2), (9, 4), (1, 7), (40, 33), (5, 13) })
        {
            for (var i = 0; i < enqueue; i++)
                queue.Enqueue(ActorRefs.Nobody, new Envelope(next++, ActorRefs.NoSender));
            Assert.Equal(next - expected, queue.Count);
            for (var i = 0; i < dequeue; i++)
            {
                Assert.True(queue.TryDequeue(out var envelope));
                Assert.Equal(expected++, envelope.Message);
            }
        }

        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void HasMessages_and_Count_follow_the_queue()
    {
        var queue = new SessionMessageQueue();
        Assert.False(queue.HasMessages);

        queue.Enqueue(ActorRefs.Nobody, new Envelope("a", ActorRefs.NoSender));
        queue.Enqueue(ActorRefs.Nobody, new Envelope("b", ActorRefs.NoSender));
        queue.Enqueue(ActorRefs.Nobody, new Envelope("c", ActorRefs.NoSender));
        Assert.True(queue.HasMessages);
        Assert.Equal(3, queue.Count);

        Assert.True(queue.TryDequeue(out _));
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryDequeue(out _));
        Assert.True(queue.TryDequeue(out _));
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Concurrent_producers_with_one_consumer_deliver_every_message_once_in_each_producers_order()
    {
        const int producers = 8;
        const int perProducer = 50_000;
        var queue = new SessionMessageQueue();
        using var start = new Barrier(producers + 1);

        var sending = Enumerable.Range(0, producers).Select(p => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
                queue.Enqueue(ActorRefs.Nobody, new Envelope(new Sent(p, i), ActorRefs.NoSender));
        }, TaskCreationOptions.LongRunning)).ToArray();

        // The consumer dequeues while the producers are still enqueueing, as an actor's run does.
        var nextOf = new int[producers];
        var received = 0;
        start.SignalAndWait();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received < producers * perProducer)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {received} messages came out");
            if (!queue.TryDequeue(out var envelope))
            {
                Thread.Yield();
                continue;
            }
            var sent = (Sent)envelope.Message;
            Assert.Equal(nextOf[sent.Producer], sent.Sequence);
            nextOf[sent.Producer]++;
            received++;
        }
        await Task.WhenAll(sending);

        Assert.All(nextOf, count => Assert.Equal(perProducer, count));
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void CleanUp_hands_what_is_left_to_the_dead_letters_in_order()
    {
        var queue = new SessionMessageQueue();
        var deadLetters = new UnboundedMessageQueue();
        foreach (var message in new[] { "a", "b", "c", "d", "e" })
            queue.Enqueue(ActorRefs.Nobody, new Envelope(message, ActorRefs.NoSender));
        Assert.True(queue.TryDequeue(out _));

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        var handed = new List<object>();
        while (deadLetters.TryDequeue(out var envelope))
            handed.Add(envelope.Message);
        Assert.Equal(["b", "c", "d", "e"], handed);
    }

    private sealed record Sent(int Producer, int Sequence);
}
