using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using Realtime.Messages.Chat;

namespace Realtime.Messages.Serialization;

/// <summary>
/// Serializer for every <see cref="IChatSerializable"/> type: System.Text.Json with short manifests that are
/// stored in the journal. Manifests and <see cref="SerializerId"/> are frozen: renaming a CLR type is free,
/// changing a manifest breaks old data.
/// </summary>
public sealed class ChatSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 7401;

    private static readonly FrozenDictionary<Type, string> ManifestByType = new Dictionary<Type, string>
    {
        [typeof(ChatRoom)] = "ro1",
        [typeof(ChatMessage)] = "cm1",
        [typeof(JoinRoom)] = "jr1",
        [typeof(LeaveRoom)] = "lr1",
        [typeof(PostMessage)] = "pm1",
        [typeof(DeleteMessage)] = "dm1",
        [typeof(GetHistory)] = "gh1",
        [typeof(RoomUpdated)] = "ru1",
        [typeof(MessagePublished)] = "mu1",
        [typeof(MessageRemoved)] = "mr1",
        [typeof(ChatActionRefused)] = "ar1",
        [typeof(HistoryPage)] = "hp1",
        [typeof(RoomCreated)] = "cr1",
        [typeof(MessagePosted)] = "mp1",
        [typeof(MessageEdited)] = "me1",
        [typeof(MessageDeleted)] = "md1",
        [typeof(ChatRoomSnapshot)] = "rs1",
        [typeof(CatchUpReplay)] = "cu1",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypeByManifest =
        ManifestByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    private readonly ChatJsonContext _context;

    public ChatSerializer(ExtendedActorSystem system) : base(system)
    {
        var options = new JsonSerializerOptions { Converters = { new ActorRefJsonConverter(system) } };
        _context = new ChatJsonContext(options);
    }

    public override int Identifier => SerializerId;

    /// <summary>Every type this serializer has a manifest for (tests check that no chat type is missing).</summary>
    public static IReadOnlyCollection<Type> BoundTypes => ManifestByType.Keys;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} has no chat manifest", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, TypeInfo(obj.GetType()));

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypeByManifest.TryGetValue(manifest, out var type))
            throw new SerializationException($"unknown chat manifest '{manifest}'");
        return JsonSerializer.Deserialize(bytes, TypeInfo(type))
               ?? throw new SerializationException($"null payload for chat manifest '{manifest}'");
    }

    private JsonTypeInfo TypeInfo(Type type) =>
        _context.GetTypeInfo(type) ?? throw new ArgumentException($"{type} has no JSON metadata", nameof(type));
}
