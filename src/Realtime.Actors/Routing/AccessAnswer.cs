using Realtime.Actors.Access;

namespace Realtime.Actors.Routing;

/// <summary>Reply to <see cref="ResolveAccess"/>: the user's access and, when asked, the internal path of a node.</summary>
public sealed record AccessAnswer(UserAccess Access, string? NodePath);
