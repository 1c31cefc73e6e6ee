using Realtime.Actors.Access;

namespace Realtime.Actors.Routing;

/// <summary>
/// Told to the chat sessions watching their router (<see cref="WatchLogout"/>) whose roles a directory change
/// touched, with their access after it: the rooms they joined are checked again (a user removed from a workspace
/// leaves its room). WORKSPACE rooms are decided from <see cref="Access"/> alone, without asking the router.
/// </summary>
public sealed record AccessMayHaveChanged(UserAccess Access);
