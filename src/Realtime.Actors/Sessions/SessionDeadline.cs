using Akka.Actor;

namespace Realtime.Actors.Sessions;

/// <summary>What a session is waiting for; it waits for at most one of them at a time.</summary>
public enum SessionDeadlineKind
{
    /// <summary>The first subscribe of a new socket (<c>Sockets:AuthTimeout</c>).</summary>
    Subscribe,

    /// <summary>The token's expiry.</summary>
    TokenExpiry,

    /// <summary>The grace after an expiry for a fresh subscribe (<c>Sockets:TokenExpiryGrace</c>).</summary>
    ExpiryGrace,
}

/// <summary>
/// The one deadline of a session, on one .NET timer that is re-armed, instead of an Akka timer scheduler per actor
/// (its dictionary, registrations and cancellation tokens: about 600 bytes per socket). The timer tells the session
/// <see cref="Due"/>; the session asks <see cref="TakeDue"/> what is due, so a tick of a deadline that was moved
/// or cancelled in the meantime is recognised and ignored.
/// </summary>
public sealed class SessionDeadline(IActorRef session) : IDisposable
{
    /// <summary>.NET timers take at most ~49 days; a later deadline is reached in steps.</summary>
    private static readonly TimeSpan LongestStep = TimeSpan.FromDays(30);

    private Timer? _timer;
    private long _dueAtMs;

    public SessionDeadlineKind? Pending { get; private set; }

    /// <summary>Replaces the pending deadline, if any.</summary>
    public void Set(SessionDeadlineKind kind, TimeSpan dueIn)
    {
        if (dueIn < TimeSpan.Zero)
            dueIn = TimeSpan.Zero;
        Pending = kind;
        _dueAtMs = Environment.TickCount64 + (long)Math.Ceiling(dueIn.TotalMilliseconds);
        Arm(dueIn);
    }

    public void Cancel()
    {
        Pending = null;
        _timer?.Change(Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>On <see cref="Due"/>: the deadline that is due now (and no longer pending), or null for a stale tick.</summary>
    public SessionDeadlineKind? TakeDue()
    {
        if (Pending is not { } kind)
            return null;
        var remainingMs = _dueAtMs - Environment.TickCount64;
        if (remainingMs > 0)
        {
            // A tick of an earlier setting, or one step of a long deadline.
            Arm(TimeSpan.FromMilliseconds(remainingMs));
            return null;
        }
        Pending = null;
        return kind;
    }

    public void Dispose() => _timer?.Dispose();

    private void Arm(TimeSpan dueIn)
    {
        var step = dueIn < LongestStep ? dueIn : LongestStep;
        _timer ??= new Timer(static state => ((IActorRef)state!).Tell(Due.Instance), session, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(step, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Told to the session when its timer fires.</summary>
    public sealed class Due
    {
        public static readonly Due Instance = new();
    }
}
