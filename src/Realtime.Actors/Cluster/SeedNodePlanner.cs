using System.Net;
using System.Net.Sockets;
using Akka.Actor;

namespace Realtime.Actors.ClusterFormation;

/// <summary>One discovered cluster node: a pod IP (or host name) and its remoting port.</summary>
public readonly record struct SeedCandidate(string Host, int Port);

/// <summary>What <see cref="SeedNodePlanner.Observe"/> decided after one lookup.</summary>
public abstract record SeedDecision
{
    private SeedDecision() { }

    /// <summary>Not yet: fewer than the required nodes, or the set changed less than the stable margin ago.</summary>
    public sealed record Wait(string Reason) : SeedDecision;

    /// <summary>
    /// <c>Cluster.JoinSeedNodes(SeedNodes)</c>: the same order on every node, so the same node is the first seed
    /// (it forms the cluster only when no other seed answers).
    /// </summary>
    public sealed record Join(IReadOnlyList<Address> SeedNodes) : SeedDecision;

    /// <summary>
    /// <c>JoinSeedNodes</c> with the other nodes only: below the required count (a restart or scale-up next to a
    /// running cluster), and while probing for a running cluster before forming one. Without itself in the list the
    /// node never forms a cluster; it joins the running one if those nodes are members, and keeps asking otherwise.
    /// </summary>
    public sealed record JoinExisting(IReadOnlyList<Address> SeedNodes) : SeedDecision;
}

/// <summary>
/// The pure part of Kubernetes seed discovery: address building, deterministic order, the stability window, the
/// probe for a running cluster and the formation timeout. No clock and no I/O: the caller passes the time of each
/// observation.
/// <para>
/// Rules, once the discovered set has not changed for <c>stableMargin</c>:
/// <list type="number">
/// <item>Fewer than <c>requiredContactPoints</c> nodes (and the first observation less than
/// <c>requiredContactPointsTimeout</c> ago): <see cref="SeedDecision.JoinExisting"/> with the other nodes (join a
/// running cluster through them, never form one), or wait when there are none.</item>
/// <item>Enough nodes (or that timeout passed: a cold start with fewer pods forms anyway): first
/// <see cref="SeedDecision.JoinExisting"/> with the others for <c>probeTimeout</c>, so a node that restarts next to
/// a running cluster joins it whatever its address (as Akka.Management's bootstrap probes contact points before
/// forming); then <see cref="SeedDecision.Join"/> with the whole set, sorted (IP addresses numerically, IPv4 first,
/// then host names, then port), so all nodes that saw the same pods pick the same first seed. Akka's seed-node
/// process then decides: the first seed joins itself only when no other seed answers its InitJoin in
/// <c>akka.cluster.seed-node-timeout</c>; every other node joins whichever seed answers.</item>
/// </list>
/// </para>
/// </summary>
public sealed class SeedNodePlanner
{
    private readonly string _systemName;
    private readonly int _requiredContactPoints;
    private readonly TimeSpan _stableMargin;
    private readonly Address? _self;
    private readonly TimeSpan _probeTimeout;
    private readonly TimeSpan _requiredContactPointsTimeout;
    private IReadOnlyList<Address> _current = [];
    private DateTimeOffset _since;
    private DateTimeOffset? _firstSeen;
    private DateTimeOffset? _probingSince;

    /// <param name="self">This node's remoting address, to leave out of <see cref="SeedDecision.JoinExisting"/>; null: never join below the required count, never probe.</param>
    /// <param name="probeTimeout">How long to look for a running cluster through the other nodes before forming one with them.</param>
    /// <param name="requiredContactPointsTimeout">After this long since the first observation, form with fewer than the required nodes; null: never.</param>
    public SeedNodePlanner(string systemName, int requiredContactPoints, TimeSpan stableMargin, Address? self = null,
        TimeSpan probeTimeout = default, TimeSpan? requiredContactPointsTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemName);
        ArgumentOutOfRangeException.ThrowIfLessThan(requiredContactPoints, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stableMargin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(probeTimeout, TimeSpan.Zero);
        _systemName = systemName;
        _requiredContactPoints = requiredContactPoints;
        _stableMargin = stableMargin;
        _self = self;
        _probeTimeout = probeTimeout;
        _requiredContactPointsTimeout = requiredContactPointsTimeout ?? TimeSpan.MaxValue;
    }

    /// <summary>The distinct, sorted addresses of the last observation.</summary>
    public IReadOnlyList<Address> Current => _current;

    /// <summary>Records one lookup result seen at <paramref name="now"/> and says whether to join now.</summary>
    public SeedDecision Observe(IEnumerable<SeedCandidate> candidates, DateTimeOffset now)
    {
        var addresses = Sort(candidates.Select(c => BuildAddress(_systemName, c)).Distinct());
        if (_firstSeen is null || !addresses.SequenceEqual(_current))
        {
            _current = addresses;
            _since = now;
            _firstSeen ??= now;
        }

        var stableFor = now - _since;
        var others = _self is null ? [] : _current.Where(a => !a.Equals(_self)).ToList();
        var mayForm = _current.Count >= _requiredContactPoints
                      || (_current.Count > 0 && now - _firstSeen.Value >= _requiredContactPointsTimeout);
        if (!mayForm && others.Count == 0)
            return new SeedDecision.Wait($"found {_current.Count} of {_requiredContactPoints} required nodes");
        if (stableFor < _stableMargin)
            return new SeedDecision.Wait($"{_current.Count} nodes, stable for {stableFor.TotalSeconds:0.0} s of {_stableMargin.TotalSeconds:0.0} s");
        if (!mayForm)
            return new SeedDecision.JoinExisting(others);
        if (others.Count == 0)
            return new SeedDecision.Join(_current);
        _probingSince ??= now;
        return now - _probingSince.Value < _probeTimeout
            ? new SeedDecision.JoinExisting(others)
            : new SeedDecision.Join(_current);
    }

    /// <summary><c>akka.tcp://&lt;system&gt;@&lt;host&gt;:&lt;port&gt;</c>.</summary>
    public static Address BuildAddress(string systemName, SeedCandidate candidate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(candidate.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidate.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(candidate.Port, 65535);
        return new Address("akka.tcp", systemName, candidate.Host.Trim(), candidate.Port);
    }

    /// <summary>The deterministic seed order: IPs numerically (IPv4 before IPv6), then host names ordinally, then port.</summary>
    public static IReadOnlyList<Address> Sort(IEnumerable<Address> addresses) =>
        addresses.OrderBy(a => a, AddressOrder.Instance).ToList();

    private sealed class AddressOrder : IComparer<Address>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(Address? x, Address? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var byHost = CompareHosts(x.Host ?? "", y.Host ?? "");
            if (byHost != 0) return byHost;
            var byPort = (x.Port ?? 0).CompareTo(y.Port ?? 0);
            if (byPort != 0) return byPort;
            return string.CompareOrdinal(x.ToString(), y.ToString());
        }

        private static int CompareHosts(string a, string b)
        {
            var ipA = IPAddress.TryParse(a, out var pa) ? pa : null;
            var ipB = IPAddress.TryParse(b, out var pb) ? pb : null;
            if (ipA is null || ipB is null)
                return ipA is not null ? -1 : ipB is not null ? 1 : string.CompareOrdinal(a, b);
            var family = Rank(ipA).CompareTo(Rank(ipB));
            if (family != 0) return family;
            var bytesA = ipA.GetAddressBytes();
            var bytesB = ipB.GetAddressBytes();
            for (var i = 0; i < bytesA.Length; i++)
            {
                var c = bytesA[i].CompareTo(bytesB[i]);
                if (c != 0) return c;
            }
            return 0;
        }

        private static int Rank(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork ? 0 : 1;
    }
}
