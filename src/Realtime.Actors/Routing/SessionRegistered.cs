using Realtime.Actors.Access;

namespace Realtime.Actors.Routing;

public sealed record SessionRegistered(UserAccess Access);
