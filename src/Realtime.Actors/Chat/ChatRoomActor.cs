using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Realtime.Actors.Metrics;
using Akka.Streams;
using Akka.Streams.Dsl;
using Realtime.Messages.Chat;

namespace Realtime.Actors.Chat;

/// <summary>
/// One chat room, a sharded persistent entity named <c>"&lt;TYPE&gt;:&lt;RoomTypeObject&gt;"</c>. Writes go through
/// one queue: while a batch is in the journal, new events wait and leave as the next batch, so a hot room
/// costs one round trip per batch, not per message, and the journal order is the arrival order. Every command
/// waiting on a write is answered: with its result, or with an error when the journal failed (the room then stops
/// and comes back on its next command; its members' sessions rejoin it). A JOIN with <c>After</c> is caught up
/// from the newest events kept in memory, else from the journal; the joiner's live frames wait until its replay
/// is sent, so there is no gap and no duplicate at the seam (PROTOCOL 7.2).
/// </summary>
public sealed class ChatRoomActor : ReceivePersistentActor, IWithTimers
{
    private const string TickKey = "tick";

    private readonly ChatRoomSettings _settings;
    private readonly string _entityId;
    private readonly string _roomUuid;
    private readonly ChatRoomType _type;
    private readonly string _roomTypeObject;
    private readonly PresenceTracker<IActorRef> _presence = new();

    // Membership (who gets the room's frames) outlives presence (who is listed): a socket that missed its
    // heartbeats leaves the Users list but stays a member until it leaves, closes or its session dies.
    private readonly HashSet<IActorRef> _members = [];
    private readonly Queue<PendingWrite> _queue = new();
    private readonly List<PendingWrite> _inFlight = [];
    // JOINs of a room being created: answered once RoomCreated is stored, so nobody sees a room a crash could lose.
    private readonly List<JoinRoom> _waitingForCreation = [];
    // The newest applied events (at most MaxCatchUp, contiguous up to LastSequenceNr): catch-ups served from memory.
    private readonly Queue<(long SequenceNr, object Event)> _recentEvents = new();
    // Joiners whose catch-up is being read: their live frames are held here until the replay is sent.
    private readonly Dictionary<IActorRef, List<object>> _catchingUp = [];
    // Commands that arrived while the room recovers (Akka stashes them): answered should the recovery fail.
    private readonly List<IChatRoomCommand> _arrivedWhileRecovering = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ChatHistoryIndex _index;
    private RoomCreated? _room;
    private bool _writing;
    private bool _passivating;
    private long _lastUpdated;
    private int _eventsSinceSnapshot;
    private DateTimeOffset _emptySince = DateTimeOffset.UtcNow;
    private ICurrentEventsByPersistenceIdQuery? _readJournal;
    private IMaterializer? _materializer;

    public ChatRoomActor(string entityId, ChatRoomSettings settings)
    {
        if (!RoomIdentity.TryParse(entityId, out _type, out _roomTypeObject))
            throw new ArgumentException($"not a chat room entity id: '{entityId}'", nameof(entityId));
        _entityId = entityId;
        _settings = settings;
        _roomUuid = RoomIdentity.RoomUuid(_type, _roomTypeObject);
        _index = new ChatHistoryIndex(settings.RecentInMemory);
        PersistenceId = PersistenceIdFor(entityId);

        Recover<SnapshotOffer>(offer => RestoreSnapshot((ChatRoomSnapshot)offer.Snapshot));
        Recover<IChatSerializable>(evt =>
        {
            Apply(evt, LastSequenceNr);
            _eventsSinceSnapshot++;
        });

        Command<JoinRoom>(HandleJoin);
        Command<LeaveRoom>(leave => RemoveSession(leave.Session));
        Command<PostMessage>(HandlePost);
        Command<DeleteMessage>(HandleDelete);
        Command<GetHistory>(HandleHistory);
        Command<CatchUpLoaded>(loaded => FinishCatchUp(loaded.Session, loaded.Items(), loaded.More));
        Command<Terminated>(terminated => RemoveSession(terminated.ActorRef));
        Command<Tick>(_ => HandleTick());
        Command<SaveSnapshotSuccess>(saved =>
        {
            if (_settings.DeleteOldSnapshots)
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => _log.Warning(failed.Cause, "room {0}: snapshot failed", _entityId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => _log.Warning(failed.Cause, "room {0}: old snapshots not deleted", _entityId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Journal key of a room; frozen, since the journal outlives the code.</summary>
    public static string PersistenceIdFor(string entityId) => $"chat-room-{entityId}";

    public static Props Props(string entityId, ChatRoomSettings settings) =>
        Akka.Actor.Props.Create(() => new ChatRoomActor(entityId, settings));

    protected override void PreStart()
    {
        base.PreStart();
        RealtimeCounters.For(Context.System).ChatRoomStarted();
        var interval = TimeSpan.FromTicks(Math.Min(_settings.PresenceTimeout.Ticks, _settings.PassivateAfter.Ticks) / 4);
        Timers.StartPeriodicTimer(TickKey, Tick.Instance, interval < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : interval);
    }

    protected override void PostStop()
    {
        RealtimeCounters.For(Context.System).ChatRoomStopped();
        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The write queue would wait forever for this batch: restart from the journal instead.
        base.OnPersistRejected(cause, @event, sequenceNr);
        AnswerUnsaved();
        LetTheShardHoldWhatComesNext();
        Context.Stop(Self);
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (IsRecovering && message is IChatRoomCommand command)
            _arrivedWhileRecovering.Add(command);
        return base.AroundReceive(receive, message);
    }

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        _arrivedWhileRecovering.Clear();
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Akka stops the room and drops what it stashed meanwhile: tell those senders now.
        base.OnRecoveryFailure(reason, message);
        foreach (var command in _arrivedWhileRecovering)
        {
            if (RequesterOf(command) is { } requester)
                Refuse(requester, $"room {_roomUuid} is unavailable, the chat journal cannot be read: try again");
        }
        _arrivedWhileRecovering.Clear();
        LetTheShardHoldWhatComesNext();
    }

    /// <summary>
    /// The room is about to stop on a journal failure: passivating makes the shard keep the commands still on their
    /// way here for the room's next incarnation (which answers them) rather than drop them with this one.
    /// </summary>
    private void LetTheShardHoldWhatComesNext() => Context.Parent.Tell(new Passivate(PoisonPill.Instance));

    /// <summary>Who waits for an answer to <paramref name="command"/>; heartbeats (also the sessions' own rejoins) wait for none.</summary>
    private static IActorRef? RequesterOf(IChatRoomCommand command) => command switch
    {
        JoinRoom { IsHeartbeat: false } join => join.Session,
        PostMessage post => post.Session,
        DeleteMessage delete => delete.Session,
        GetHistory history => history.Requester,
        _ => null,
    };

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Akka stops the room after this: whoever waits on a write hears it now rather than never.
        base.OnPersistFailure(cause, @event, sequenceNr);
        AnswerUnsaved();
        LetTheShardHoldWhatComesNext();
    }

    /// <summary>Refuses every command whose event is not stored and every JOIN waiting for the room's creation.</summary>
    private void AnswerUnsaved()
    {
        foreach (var write in _inFlight.Concat(_queue))
        {
            if (write.Requester is { } requester)
                Refuse(requester, "not saved, the chat journal is unavailable: try again");
        }
        foreach (var join in _waitingForCreation.Where(j => !j.IsHeartbeat))
            Refuse(join.Session, $"room {_roomUuid} could not be created, the chat journal is unavailable: try again");
        _inFlight.Clear();
        _queue.Clear();
        _waitingForCreation.Clear();
    }

    private void HandleJoin(JoinRoom join)
    {
        if (_room is not null)
        {
            ProcessJoin(join);
            return;
        }

        if (_waitingForCreation.Count == 0 && !join.MayCreate)
        {
            Refuse(join.Session, $"GLOBAL room '{_roomTypeObject}' does not exist and you may not create it");
            // Nothing to keep: a room that was never created stops at once rather than after PassivateAfter.
            if (_members.Count == 0 && !_passivating)
            {
                _passivating = true;
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            }
            return;
        }
        _waitingForCreation.Add(join);
        if (_waitingForCreation.Count > 1)
            return;
        var label = _type == ChatRoomType.USER ? RoomLabels.ForUsers(_roomTypeObject)
            : string.IsNullOrEmpty(join.RoomLabel) ? _roomTypeObject
            : join.RoomLabel;
        Enqueue(new RoomCreated(_roomUuid, _type, _roomTypeObject, label, Now()), null, _ =>
        {
            foreach (var waiting in _waitingForCreation)
                ProcessJoin(waiting);
            _waitingForCreation.Clear();
        });
    }

    private void ProcessJoin(JoinRoom join)
    {
        var wasPresent = _presence.Contains(join.Session);
        var wasMember = _members.Contains(join.Session);
        if (_members.Add(join.Session))
            Context.Watch(join.Session);
        var changed = _presence.Join(join.Login, join.Session, DateTimeOffset.UtcNow);
        // A member's heartbeat already gets the live frames: its After has nothing to catch up.
        if (join.After is { } after && !(join.IsHeartbeat && wasMember) && SequenceNrOf(after) is { } from)
        {
            _catchingUp[join.Session] = [];
            if (changed)
                Broadcast(new RoomUpdated(CurrentRoom()), null);
            CatchUp(join.Session, from);
            return;
        }

        var update = new RoomUpdated(CurrentRoom());
        if (changed)
            Broadcast(update, join.Session);
        else if (!join.IsHeartbeat || !wasPresent)
            join.Session.Tell(update);
        if (join.After is not null && !join.IsHeartbeat)
            Refuse(join.Session, "unknown message");
    }

    /// <summary>Where a message was posted: a live one from the index, a recently deleted one from the recent events.</summary>
    private long? SequenceNrOf(string messageUuid)
    {
        if (_index.TryGet(messageUuid, out var live))
            return live.SequenceNr;
        foreach (var (sequenceNr, evt) in _recentEvents)
        {
            if (evt is MessagePosted posted && posted.Message.Uuid == messageUuid)
                return sequenceNr;
        }
        return null;
    }

    /// <summary>
    /// Sends <paramref name="session"/> what came after the event <paramref name="afterSequenceNr"/>: every event as
    /// its live frame when at most MaxCatchUp of them, else the newest MaxCatchUp messages and where HISTORY continues.
    /// </summary>
    private void CatchUp(IActorRef session, long afterSequenceNr)
    {
        var missed = LastSequenceNr - afterSequenceNr;
        if (missed <= _settings.MaxCatchUp)
        {
            if (missed == 0 || _recentEvents.TryPeek(out var oldest) && oldest.SequenceNr <= afterSequenceNr + 1)
            {
                FinishCatchUp(session, Replay(_recentEvents.Where(e => e.SequenceNr > afterSequenceNr)), null);
                return;
            }
            ReadEvents(afterSequenceNr + 1, LastSequenceNr).PipeTo(Self,
                success: events => new CatchUpLoaded(session, () => Replay(events), null),
                failure: ex => CatchUpUnreadable(session, ex));
            return;
        }

        var entries = _index.NewestAfter(afterSequenceNr, _settings.MaxCatchUp);
        var more = new CatchUpTruncated(entries.Count, Math.Min(_settings.MaxCatchUp, GetHistory.MaxLimit), entries.Count > 0 ? entries[0].Timestamp : 0);
        if (entries.All(e => e.Text is not null))
        {
            FinishCatchUp(session, entries.Select(e => new CatchUpItem(ToMessage(e, e.Text!), CatchUpItemKind.Posted)).ToList(), more);
            return;
        }
        ReadTexts(entries).PipeTo(Self,
            success: texts => new CatchUpLoaded(session,
                () => entries.Select(e => new CatchUpItem(ToMessage(e, e.Text ?? texts.GetValueOrDefault(e.SequenceNr, string.Empty)), CatchUpItemKind.Posted)).ToList(),
                more),
            failure: ex => CatchUpUnreadable(session, ex));
    }

    private CatchUpLoaded CatchUpUnreadable(IActorRef session, Exception cause)
    {
        _log.Warning(cause, "room {0}: catch-up read failed", _entityId);
        return new CatchUpLoaded(session, () => null, null);
    }

    /// <summary>Journal events in journal order as the frames members saw live; edits of messages deleted since are left out.</summary>
    private List<CatchUpItem> Replay(IEnumerable<(long SequenceNr, object Event)> events)
    {
        var posted = new Dictionary<string, ChatMessage>(StringComparer.Ordinal);
        var items = new List<CatchUpItem>();
        foreach (var (_, evt) in events)
        {
            switch (evt)
            {
                case MessagePosted p:
                    posted[p.Message.Uuid] = p.Message;
                    items.Add(new CatchUpItem(p.Message, CatchUpItemKind.Posted));
                    break;
                case MessageEdited e when _index.TryGet(e.Message.Uuid, out _):
                    items.Add(new CatchUpItem(e.Message, CatchUpItemKind.Edited));
                    break;
                case MessageDeleted d:
                    items.Add(new CatchUpItem(posted.GetValueOrDefault(d.MessageUuid) ?? new ChatMessage(d.MessageUuid, _roomUuid, "", "", 0), CatchUpItemKind.Deleted));
                    break;
            }
        }
        return items;
    }

    /// <summary>The replay (or, when it could not be read, the room and an error), then the live frames held meanwhile.</summary>
    private void FinishCatchUp(IActorRef session, IReadOnlyList<CatchUpItem>? items, CatchUpTruncated? more)
    {
        if (!_catchingUp.Remove(session, out var held))
            return; // left or died meanwhile
        if (items is null)
        {
            session.Tell(new RoomUpdated(CurrentRoom()));
            Refuse(session, "missed messages could not be read: use HISTORY");
        }
        else
            session.Tell(new CatchUpReplay(CurrentRoom(), items, more));
        // The replay carries the newest room state; held presence updates are older.
        foreach (var message in held.Where(m => m is not RoomUpdated))
            session.Tell(message);
    }

    private void RemoveSession(IActorRef session)
    {
        _catchingUp.Remove(session);
        if (!_members.Remove(session))
            return;
        Context.Unwatch(session);
        if (_presence.Remove(session))
            Broadcast(new RoomUpdated(CurrentRoom()), null);
        MarkIfEmpty();
    }

    private void HandlePost(PostMessage post)
    {
        if (_room is null)
        {
            Refuse(post.Session, "room does not exist: join it first");
            return;
        }

        if (string.IsNullOrWhiteSpace(post.Text))
        {
            Refuse(post.Session, "empty message");
            return;
        }

        ChatMessage message;
        object evt;
        if (post.MessageUuid is { } uuid && _index.TryGet(uuid, out var existing))
        {
            if (existing.Author != post.Login)
            {
                Refuse(post.Session, $"message {uuid} belongs to another author");
                return;
            }

            message = new ChatMessage(existing.Uuid, _roomUuid, post.Text, existing.Author, existing.Timestamp);
            evt = new MessageEdited(message, Now());
        }
        else
        {
            message = new ChatMessage(Guid.NewGuid().ToString(), _roomUuid, post.Text, post.Login, Now());
            evt = new MessagePosted(message);
        }

        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        Enqueue(evt, post.Session, applied =>
        {
            if (!applied)
                return;
            RealtimeCounters.For(Context.System).ChatPostPersisted(System.Diagnostics.Stopwatch.GetElapsedTime(arrived));
            Broadcast(new MessagePublished(message, evt is MessageEdited), post.Session);
        });
    }

    private void HandleDelete(DeleteMessage delete)
    {
        if (!_index.TryGet(delete.MessageUuid, out var existing))
        {
            Refuse(delete.Session, $"unknown message {delete.MessageUuid}");
            return;
        }

        if (existing.Author != delete.Login && !delete.IsAdmin)
        {
            Refuse(delete.Session, $"only the author or an admin may delete message {delete.MessageUuid}");
            return;
        }

        var removed = new ChatMessage(existing.Uuid, _roomUuid, existing.Text ?? string.Empty, existing.Author, existing.Timestamp);
        Enqueue(new MessageDeleted(existing.Uuid, delete.Login, Now()), delete.Session, applied =>
        {
            if (applied)
                Broadcast(new MessageRemoved(removed), delete.Session);
        });
    }

    private void HandleHistory(GetHistory request)
    {
        if (request.Offset < 0)
        {
            Refuse(request.Requester, $"negative history offset {request.Offset}");
            return;
        }

        var limit = request.Limit <= 0 ? GetHistory.DefaultLimit : Math.Min(request.Limit, GetHistory.MaxLimit);
        var room = CurrentRoom();
        var (entries, mayHaveMore) = _index.Page(request.Offset, limit);
        if (entries.All(e => e.Text is not null))
        {
            request.Requester.Tell(new HistoryPage(room, entries.Select(e => ToMessage(e, e.Text!)).ToList(), request.Offset, limit, mayHaveMore));
            return;
        }

        ReadTexts(entries).PipeTo(
            request.Requester,
            success: texts => new HistoryPage(
                room,
                entries.Select(e => ToMessage(e, e.Text ?? texts.GetValueOrDefault(e.SequenceNr, string.Empty))).ToList(),
                request.Offset,
                limit,
                mayHaveMore),
            failure: ex =>
            {
                _log.Warning(ex, "room {0}: history read failed", _entityId);
                return new ChatActionRefused(_entityId, "history is unavailable, try again");
            });
    }

    /// <summary>Reads the posted texts of the page's entries from the journal (one range query).</summary>
    private Task<Dictionary<long, string>> ReadTexts(IReadOnlyList<ChatSnapshotEntry> entries)
    {
        var wanted = entries.Where(e => e.Text is null).Select(e => e.SequenceNr).ToHashSet();
        return EventsBetween(wanted.Min(), wanted.Max())
            .Where(envelope => wanted.Contains(envelope.SequenceNr) && envelope.Event is MessagePosted)
            .RunAggregate(
                new Dictionary<long, string>(),
                (texts, envelope) =>
                {
                    texts[envelope.SequenceNr] = ((MessagePosted)envelope.Event).Message.Message;
                    return texts;
                },
                _materializer!);
    }

    /// <summary>The journal's events from <paramref name="from"/> to <paramref name="to"/> (inclusive), in order.</summary>
    private Task<List<(long SequenceNr, object Event)>> ReadEvents(long from, long to) =>
        EventsBetween(from, to).RunAggregate(
            new List<(long SequenceNr, object Event)>(),
            (events, envelope) =>
            {
                events.Add((envelope.SequenceNr, envelope.Event));
                return events;
            },
            _materializer!);

    private Source<EventEnvelope, Akka.NotUsed> EventsBetween(long from, long to)
    {
        _readJournal ??= PersistenceQuery.Get(Context.System).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(_settings.ReadJournalPluginId);
        _materializer ??= Context.Materializer();
        return _readJournal.CurrentEventsByPersistenceId(PersistenceId, from, to);
    }

    private void HandleTick()
    {
        var now = DateTimeOffset.UtcNow;
        var before = _presence.LoginCount;
        _presence.Expire(now, _settings.PresenceTimeout);
        if (_presence.LoginCount != before)
            Broadcast(new RoomUpdated(CurrentRoom()), null);

        if (_members.Count == 0 && !_writing && !_passivating && now - _emptySince >= _settings.PassivateAfter)
        {
            _passivating = true;
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }

    private void MarkIfEmpty()
    {
        if (_members.Count == 0)
            _emptySince = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Queues an event; <paramref name="done"/> runs after it is stored and applied (true) or skipped as stale
    /// (false); <paramref name="requester"/>, when given, is told if it cannot be stored.
    /// </summary>
    private void Enqueue(object evt, IActorRef? requester, Action<bool> done)
    {
        _queue.Enqueue(new PendingWrite(evt, requester, done));
        if (!_writing)
            WriteNextBatch();
    }

    private void WriteNextBatch()
    {
        while (_inFlight.Count < _settings.MaxBatch && _queue.TryDequeue(out var write))
            _inFlight.Add(write);
        if (_inFlight.Count == 0)
            return;

        _writing = true;
        var next = 0;
        // PersistAllAsync keeps reading commands while the batch is written; handlers run in order.
        PersistAllAsync(_inFlight.Select(write => write.Event).ToList(), evt =>
        {
            var applied = Apply(evt, LastSequenceNr);
            _inFlight[next++].Done(applied);
            MaybeSnapshot();
            if (next == _inFlight.Count)
            {
                _inFlight.Clear();
                _writing = false;
                WriteNextBatch();
            }
        });
    }

    /// <summary>Folds one event into the state; false when it no longer applies (e.g. an edit after a delete).</summary>
    private bool Apply(object evt, long sequenceNr)
    {
        _recentEvents.Enqueue((sequenceNr, evt));
        if (_recentEvents.Count > _settings.MaxCatchUp)
            _recentEvents.Dequeue();
        switch (evt)
        {
            case RoomCreated created:
                _room = created;
                _lastUpdated = created.CreatedAt;
                return true;
            case MessagePosted posted:
                _index.Append(sequenceNr, posted.Message);
                _lastUpdated = posted.Message.Timestamp;
                return true;
            case MessageEdited edited:
                _lastUpdated = edited.EditedAt;
                return _index.Edit(edited.Message.Uuid, edited.Message.Message);
            case MessageDeleted deleted:
                _lastUpdated = deleted.DeletedAt;
                return _index.Remove(deleted.MessageUuid);
            default:
                _log.Warning("room {0}: ignoring unknown event {1}", _entityId, evt.GetType());
                return false;
        }
    }

    private void MaybeSnapshot()
    {
        if (++_eventsSinceSnapshot < _settings.SnapshotEvery)
            return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(new ChatRoomSnapshot(_room, _lastUpdated, _index.Entries.ToList()));
    }

    private void RestoreSnapshot(ChatRoomSnapshot snapshot)
    {
        _room = snapshot.Room;
        _lastUpdated = snapshot.LastUpdated;
        _index = new ChatHistoryIndex(_settings.RecentInMemory, snapshot.Entries);
        _eventsSinceSnapshot = 0;
    }

    /// <summary>The room as members see it; a USER room's label is always derived, also for rooms created before it was.</summary>
    private ChatRoom CurrentRoom() =>
        new(_roomUuid, _type, _roomTypeObject, _type == ChatRoomType.USER ? RoomLabels.ForUsers(_roomTypeObject) : _room?.RoomLabel ?? string.Empty, _presence.Logins, _lastUpdated);

    private ChatMessage ToMessage(ChatSnapshotEntry entry, string text) =>
        new(entry.Uuid, _roomUuid, text, entry.Author, entry.Timestamp);

    /// <summary>Sends to every member, and to <paramref name="alsoTo"/> when it is not one (so a sender always hears back).</summary>
    private void Broadcast(object message, IActorRef? alsoTo)
    {
        foreach (var session in _members)
        {
            if (_catchingUp.TryGetValue(session, out var held))
                held.Add(message);
            else
                session.Tell(message);
        }
        if (alsoTo is not null && !_members.Contains(alsoTo))
            alsoTo.Tell(message);
    }

    private void Refuse(IActorRef to, string reason) => to.Tell(new ChatActionRefused(_entityId, reason));

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A catch-up read finished; <see cref="Items"/> builds the replay in the room's turn (null: unreadable).</summary>
    private sealed record CatchUpLoaded(IActorRef Session, Func<IReadOnlyList<CatchUpItem>?> Items, CatchUpTruncated? More);

    private sealed record PendingWrite(object Event, IActorRef? Requester, Action<bool> Done);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
