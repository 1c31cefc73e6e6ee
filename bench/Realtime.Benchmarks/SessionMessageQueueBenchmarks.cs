using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using BenchmarkDotNet.Attributes;
using Realtime.Actors.Sessions;

namespace Realtime.Benchmarks;

/// <summary>
/// The queue alone, on one thread: Burst messages in, then out, until 4,096 have passed (one op = one message in and
/// out). Burst 1 is a session's usual load; 64 makes both queues grow. Baseline: Akka's
/// <see cref="UnboundedMessageQueue"/>. Ours: <see cref="SessionMessageQueue"/>.
/// </summary>
[MemoryDiagnoser]
public class SessionMessageQueueBenchmarks
{
    private const int Messages = 4_096;
    private static readonly Envelope Envelope = new(new object(), ActorRefs.NoSender);

    private readonly UnboundedMessageQueue _default = new();
    private readonly SessionMessageQueue _session = new();

    [Params(1, 8, 64)]
    public int Burst { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "UnboundedMessageQueue")]
    public int Default() => PassThrough(_default);

    [Benchmark(OperationsPerInvoke = Messages, Description = "SessionMessageQueue")]
    public int Session() => PassThrough(_session);

    private int PassThrough(IMessageQueue queue)
    {
        var taken = 0;
        for (var round = 0; round < Messages / Burst; round++)
        {
            for (var i = 0; i < Burst; i++)
                queue.Enqueue(ActorRefs.Nobody, Envelope);
            while (queue.TryDequeue(out _))
                taken++;
        }
        return taken;
    }
}
