using Akka.Actor;
using Akka.Event;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Realtime.Actors.Recovery;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// Reads the JetStream stream on this node (every node reads all of it, in stream order) and hands the raw events,
/// with their stream positions, to the local router, which validates and routes them. A node starts
/// <c>maxEvents</c> back from the end of the stream, so its recovery log and its access directory hold what was
/// published while it was away. While the router is behind, the reader waits: events wait in the stream.
/// </summary>
public sealed class NatsIngress(INatsJSContext js, JetStreamBus bus, IActorRef router, RouterBacklog backlog, ILoggingAdapter log)
{
    /// <summary>Starts reading; the first task completes once the events stored at start are handed over, the second when reading ends.</summary>
    public async Task<(Task CaughtUp, Task Reading)> StartAsync(int maxEvents, TimeSpan maxAge, TimeSpan dedupeWindow, CancellationToken cancellationToken)
    {
        var (origin, first, last) = await bus.EnsureStreamAsync(maxEvents, maxAge, dedupeWindow, cancellationToken).ConfigureAwait(false);
        var start = Math.Max(first, last >= (ulong)maxEvents ? last - (ulong)maxEvents + 1 : 1);
        router.Tell(new StreamOrigin(origin, (long)start));
        var opts = new NatsJSOrderedConsumerOpts
        {
            DeliverPolicy = last == 0 ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.ByStartSequence,
            OptStartSeq = last == 0 ? 0 : start,
        };
        var consumer = await js.CreateOrderedConsumerAsync(bus.StreamName, opts, cancellationToken).ConfigureAwait(false);
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (last < start)
            caughtUp.TrySetResult();
        var reading = ReadAsync(consumer, origin, last, caughtUp, cancellationToken);
        return (caughtUp.Task, reading);
    }

    private async Task ReadAsync(INatsJSConsumer consumer, string origin, ulong lastAtStart, TaskCompletionSource caughtUp, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var sequence = message.Metadata?.Sequence.Stream ?? 0;
                if (message.Data is { Length: > 0 } data && BusTopics.TryParse(message.Subject, out var topic))
                {
                    await backlog.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
                    router.Tell(new BusEvent(topic, data, new StreamPosition(origin, (long)sequence), AcceptedAt: System.Diagnostics.Stopwatch.GetTimestamp()));
                }
                if (sequence >= lastAtStart)
                    caughtUp.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            log.Error(e, "Reading the JetStream stream {0} ended", bus.StreamName);
        }
        finally
        {
            caughtUp.TrySetResult();
        }
    }
}
