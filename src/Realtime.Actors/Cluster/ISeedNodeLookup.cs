namespace Realtime.Actors.ClusterFormation;

/// <summary>
/// Where <see cref="KubernetesSeedDiscovery"/> looks for cluster nodes: the gateway pods in production
/// (Kubernetes API), anything that lists remoting endpoints in tests. A failed lookup throws; the actor logs it
/// and asks again on the next tick.
/// </summary>
public interface ISeedNodeLookup
{
    Task<IReadOnlyList<SeedCandidate>> LookupAsync(CancellationToken cancellationToken);
}
