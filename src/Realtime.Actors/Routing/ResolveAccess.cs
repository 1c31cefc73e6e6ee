namespace Realtime.Actors.Routing;

/// <summary>Asks the router for a user's current access (chat authorization); answered with a <see cref="Access.UserAccess"/> and the node's path.</summary>
public sealed record ResolveAccess(IReadOnlyList<string> Roles, string? NodeUuid);
