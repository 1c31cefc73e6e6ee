using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using Realtime.Messages.Bus;

namespace Realtime.Messages.Serialization;

/// <summary>
/// Bus events between nodes (DistributedPubSub). "be1": one byte of topic, then the event's JSON as received.
/// "be2" (events with a stream position or a dedupe id): one byte of topic, the origin, the sequence and the dedupe
/// id (empty for none) as length-prefixed fields, then the JSON. Manifests are short and stable.
/// </summary>
public sealed class BusEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7301;
    private const string BusEventManifest = "be1";
    private const string PositionedBusEventManifest = "be2";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        BusEvent { Position: null, DedupeId: null } => BusEventManifest,
        BusEvent => PositionedBusEventManifest,
        _ => throw Unknown(o.GetType().Name),
    };

    public override byte[] ToBinary(object obj)
    {
        if (obj is not BusEvent change)
            throw Unknown(obj.GetType().Name);
        using var buffer = new MemoryStream(change.Json.Length + 64);
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)change.Topic);
            if (change.Position is not null || change.DedupeId is not null)
            {
                writer.Write(change.Position?.Origin ?? "");
                writer.Write(change.Position?.Sequence ?? 0);
                writer.Write(change.DedupeId ?? "");
            }
            writer.Write(change.Json);
        }
        return buffer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest is not (BusEventManifest or PositionedBusEventManifest))
            throw Unknown(manifest);
        if (bytes.Length == 0 || !Enum.IsDefined(typeof(BusTopic), (int)bytes[0]))
            throw new SerializationException("bus event without a valid topic");
        if (manifest == BusEventManifest)
            return new BusEvent((BusTopic)bytes[0], bytes.AsSpan(1).ToArray());
        using var reader = new BinaryReader(new MemoryStream(bytes, 1, bytes.Length - 1), System.Text.Encoding.UTF8);
        try
        {
            var origin = reader.ReadString();
            var sequence = reader.ReadInt64();
            var dedupe = reader.ReadString();
            var json = reader.ReadBytes(bytes.Length);
            return new BusEvent((BusTopic)bytes[0], json,
                origin.Length > 0 ? new StreamPosition(origin, sequence) : null,
                dedupe.Length > 0 ? dedupe : null);
        }
        catch (EndOfStreamException)
        {
            throw new SerializationException("truncated bus event");
        }
    }

    private static SerializationException Unknown(string what) => new($"{nameof(BusEventSerializer)} cannot handle {what}");
}
