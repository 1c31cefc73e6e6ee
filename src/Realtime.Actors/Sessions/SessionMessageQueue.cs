using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace Realtime.Actors.Sessions;

/// <summary>
/// The message queue of a session actor (<see cref="SessionMailbox"/>): unbounded, any thread enqueues, the actor's
/// run dequeues. A session rarely has more than one or two messages waiting (event frames bypass it, straight into
/// the <see cref="OutboundQueue"/>), so its storage is a small ring allocated on the first message, grown by
/// doubling and given back when a burst has drained: 40 bytes new, 96 once it has had a message, against ~1.1 KB
/// for Akka's <see cref="UnboundedMessageQueue"/>, whose ConcurrentQueue allocates a 32-slot segment up front.
/// </summary>
public sealed class SessionMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    /// <summary>Slots of the first ring (a power of two, as every ring is: a slot is an index masked by its length).</summary>
    public const int InitialCapacity = 2;

    /// <summary>The largest ring kept once drained; a bigger one (a burst) is given back and regrown when needed.</summary>
    public const int MaxKeptCapacity = 8;

    // 1 while a thread is in the queue. Held for a few instructions (a slot and two ints; rarely a grow), so a spin
    // lock: a Monitor or SpinLock costs more uncontended, and a lock object 24 bytes per session.
    private int _locked;
    private Envelope[]? _ring;
    private int _head;
    private int _count;

    // Producers increment and the consumer decrements _count under the lock; read alone, it is a snapshot, as
    // ConcurrentQueue's IsEmpty is. The mailbox re-checks HasMessages after going idle, so a message enqueued
    // during that window is still scheduled.
    public bool HasMessages => Volatile.Read(ref _count) != 0;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        Lock();
        try
        {
            if (_ring is null)
                _ring = new Envelope[InitialCapacity];
            else if (_count == _ring.Length)
                Grow();
            _ring[(_head + _count) & (_ring.Length - 1)] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
        finally
        {
            Volatile.Write(ref _locked, 0);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        // Only this (single) consumer takes messages out: a count seen non-zero stays so until it takes one.
        if (Volatile.Read(ref _count) == 0)
        {
            envelope = default;
            return false;
        }
        Lock();
        try
        {
            var ring = _ring!;
            envelope = ring[_head];
            ring[_head] = default;
            _head = (_head + 1) & (ring.Length - 1);
            Volatile.Write(ref _count, _count - 1);
            if (_count == 0 && ring.Length > MaxKeptCapacity)
            {
                _ring = null;
                _head = 0;
            }
        }
        finally
        {
            Volatile.Write(ref _locked, 0);
        }
        return true;
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
    }

    private void Lock()
    {
        if (Interlocked.CompareExchange(ref _locked, 1, 0) != 0)
            WaitForLock();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForLock()
    {
        // SpinWait yields after a few spins, so a holder preempted on a busy core gets it back (no 1 ms sleeps).
        var spin = new SpinWait();
        do
            spin.SpinOnce(sleep1Threshold: -1);
        while (Volatile.Read(ref _locked) != 0 || Interlocked.CompareExchange(ref _locked, 1, 0) != 0);
    }

    private void Grow()
    {
        var ring = _ring!;
        var grown = new Envelope[ring.Length * 2];
        var firstPart = ring.Length - _head;
        Array.Copy(ring, _head, grown, 0, firstPart);
        Array.Copy(ring, 0, grown, firstPart, _head);
        _ring = grown;
        _head = 0;
    }
}
