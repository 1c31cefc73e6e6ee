using Akka.Actor;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Parent of every session of this node. A session that throws is stopped, never restarted: its socket is
/// gone with it, and a restarted actor would hold no stream. On drain it closes the sessions in batches and
/// refuses new ones.
/// </summary>
public sealed class SessionsSupervisor : ReceiveActor, IWithTimers
{
    private const string DrainTimer = "drain";
    private readonly Queue<IActorRef> _toDrain = new();
    private readonly List<IActorRef> _waiting = [];
    private DrainSessions? _drain;

    public ITimerScheduler Timers { get; set; } = null!;

    public SessionsSupervisor()
    {
        Receive<OpenSession>(m =>
        {
            var session = Context.ActorOf(m.Props);
            if (_drain is not null)
            {
                Context.Watch(session);
                session.Tell(DrainSession.Instance);
            }
            Sender.Tell(session);
        });
        Receive<DrainSessions>(m =>
        {
            _waiting.Add(Sender);
            if (_drain is null)
            {
                _drain = m;
                // Watched only from here: DeathWatch costs every socket's actor its watch sets (~350 bytes).
                foreach (var child in Context.GetChildren())
                {
                    Context.Watch(child);
                    _toDrain.Enqueue(child);
                }
                Self.Tell(DrainNextBatch.Instance);
            }
            ReplyIfDrained();
        });
        Receive<DrainNextBatch>(_ =>
        {
            for (var i = 0; i < _drain!.BatchSize && _toDrain.TryDequeue(out var session); i++)
                session.Tell(DrainSession.Instance);
            // The next batch a whole interval after this one, however late this one came (a periodic timer catches up).
            if (_toDrain.Count > 0)
                Timers.StartSingleTimer(DrainTimer, DrainNextBatch.Instance, _drain.Interval);
        });
        Receive<Terminated>(_ => ReplyIfDrained());
    }

    private void ReplyIfDrained()
    {
        if (_drain is null || Context.GetChildren().Any())
            return;
        foreach (var waiting in _waiting)
            waiting.Tell(SessionsDrained.Instance);
        _waiting.Clear();
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private sealed class DrainNextBatch
    {
        public static readonly DrainNextBatch Instance = new();
    }
}
