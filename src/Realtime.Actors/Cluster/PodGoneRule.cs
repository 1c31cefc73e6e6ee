using Akka.Actor;
using Akka.Cluster;

namespace Realtime.Actors.ClusterFormation;

/// <summary>
/// Which members the platform says are gone (the pure part of <see cref="PodGoneDowning"/>). A member is matched to
/// a pod by its remoting address (pod IP and the container port named remoting).
/// <list type="bullet">
/// <item>No serving or terminating pod at its address (deleted, evicted, failed, replaced by a pod with another IP):
/// gone.</item>
/// <item>A terminating pod: gone only once the member is also unreachable; while it answers it drains and leaves
/// by itself, and downing it would cut its hand-over short.</item>
/// <item>Members already down, removed, leaving or exiting are left alone, and so is this node.</item>
/// </list>
/// A listing in which this node has no pod does not describe this cluster (another namespace or selector, an
/// address that is not the pod IP): nothing is downed on it.
/// </summary>
public static class PodGoneRule
{
    /// <param name="members">Every member with its status and whether this node sees it unreachable.</param>
    public static IReadOnlyList<Address> MembersToDown(IEnumerable<(Address Address, MemberStatus Status, bool Unreachable)> members, PodListing listing, Address self)
    {
        var serving = listing.Serving.Select(Key).ToHashSet();
        var terminating = listing.Terminating.Select(Key).ToHashSet();
        var selfKey = Key(self);
        if (!serving.Contains(selfKey) && !terminating.Contains(selfKey))
            return [];
        return members
            .Where(m => m.Status is (MemberStatus.Up or MemberStatus.Joining or MemberStatus.WeaklyUp) && !m.Address.Equals(self))
            .Where(m => !serving.Contains(Key(m.Address)) && (!terminating.Contains(Key(m.Address)) || m.Unreachable))
            .Select(m => m.Address)
            .ToList();
    }

    private static (string Host, int Port) Key(SeedCandidate pod) => (pod.Host.Trim(), pod.Port);

    private static (string Host, int Port) Key(Address address) => (address.Host ?? "", address.Port ?? 0);
}
