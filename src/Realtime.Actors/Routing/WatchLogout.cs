using Akka.Actor;
using Realtime.Actors.Sessions;

namespace Realtime.Actors.Routing;

/// <summary>
/// A chat session asks its router to close it (4001) on an IDM LOGOUT of its user, without receiving events.
/// <see cref="UnregisterSession"/> ends the watch.
/// </summary>
public sealed record WatchLogout(IActorRef Session, string Login, string Subject, IFrameSink Sink);
