using System.Security.Cryptography;
using System.Text;
using Akka.Cluster;

namespace Realtime.Actors.Ingress;

/// <summary>
/// Without NATS each node's publisher is an origin of the stream (PROTOCOL 7), named after the cluster member it
/// runs in (address and incarnation): a restarted node is a new origin, and any node can tell whether an origin
/// is a member that is up now.
/// </summary>
public static class MemberOrigin
{
    public static string Of(UniqueAddress member)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{member.Address}#{member.Uid}"));
        return "n-" + Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
    }
}
