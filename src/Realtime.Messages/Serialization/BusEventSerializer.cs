using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using Realtime.Messages.Bus;

namespace Realtime.Messages.Serialization;

/// <summary>
/// Bus events between nodes (DistributedPubSub): one byte of topic, then the event's JSON as received.
/// The manifest is short and stable; the layout is the bus contract itself, so it cannot drift.
/// </summary>
public sealed class BusEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7301;
    private const string BusEventManifest = "be1";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o is BusEvent ? BusEventManifest : throw Unknown(o.GetType().Name);

    public override byte[] ToBinary(object obj)
    {
        if (obj is not BusEvent change)
            throw Unknown(obj.GetType().Name);
        var bytes = new byte[change.Json.Length + 1];
        bytes[0] = (byte)change.Topic;
        change.Json.CopyTo(bytes, 1);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest != BusEventManifest)
            throw Unknown(manifest);
        if (bytes.Length == 0 || !Enum.IsDefined(typeof(BusTopic), (int)bytes[0]))
            throw new SerializationException("bus event without a valid topic");
        return new BusEvent((BusTopic)bytes[0], bytes.AsSpan(1).ToArray());
    }

    private static SerializationException Unknown(string what) => new($"{nameof(BusEventSerializer)} cannot handle {what}");
}
