namespace Realtime.Actors.ClusterFormation;

/// <summary>
/// Where <see cref="KubernetesSeedDiscovery"/> looks for cluster nodes and <see cref="PodGoneDowning"/> checks that
/// members still have a pod: the gateway pods in production (Kubernetes API), anything that lists remoting
/// endpoints in tests. A failed lookup throws; the actors log it and ask again on the next tick.
/// </summary>
public interface ISeedNodeLookup
{
    Task<PodListing> ListAsync(CancellationToken cancellationToken);
}
