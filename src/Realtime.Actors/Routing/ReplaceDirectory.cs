using Realtime.Actors.Access;

namespace Realtime.Actors.Routing;

/// <summary>A fresh snapshot of the access directory: the router takes its workspaces and ACLs and re-evaluates every session they may affect.</summary>
public sealed record ReplaceDirectory(AccessDirectory Snapshot);
