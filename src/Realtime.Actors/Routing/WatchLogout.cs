using Akka.Actor;
using Realtime.Actors.Sessions;

namespace Realtime.Actors.Routing;

/// <summary>
/// A chat session asks its router to close it (4001) on an IDM LOGOUT of its user, without receiving events, and to
/// tell it when a directory change touched its <see cref="Roles"/>. <see cref="UnregisterSession"/> ends the watch.
/// </summary>
public sealed record WatchLogout(IActorRef Session, string Login, string Subject, IReadOnlyList<string> Roles, IFrameSink Sink);
