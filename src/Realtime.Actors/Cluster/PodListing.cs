namespace Realtime.Actors.ClusterFormation;

/// <summary>
/// One answer of the platform about the cluster's pods: the remoting endpoints of the pods that serve (Running, not
/// being deleted) and of those being deleted (still running, draining). Pods in any other state are in neither.
/// </summary>
public sealed record PodListing(IReadOnlyList<SeedCandidate> Serving, IReadOnlyList<SeedCandidate> Terminating);
