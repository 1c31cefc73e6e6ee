namespace Realtime.Actors.Routing;

/// <summary>
/// Told to every chat session watching its router (<see cref="WatchLogout"/>) after an IDM change of the
/// directory: the rooms it joined must be checked again (a user removed from a workspace leaves its room).
/// </summary>
public sealed class AccessMayHaveChanged
{
    public static readonly AccessMayHaveChanged Instance = new();
}
