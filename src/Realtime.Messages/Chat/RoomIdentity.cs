using Realtime.Messages.Identity;

namespace Realtime.Messages.Chat;

/// <summary>
/// Names a room by (Type, RoomTypeObject): the sharding entity id and a name-based (RFC 4122 v5) Uuid,
/// so every node derives the same identity without coordination.
/// </summary>
public static class RoomIdentity
{
    // Fixed namespace for room Uuids: changing it renames every room, so it is frozen.
    private static readonly Guid Namespace = new("6f1f5e7e-4c1d-4e8a-9a55-2f0c1b7d3a10");

    public static string EntityId(ChatRoomType type, string roomTypeObject) => $"{type}:{Canonical(type, roomTypeObject)}";

    /// <summary>
    /// A USER room's object is a set of logins: "bob, alice" and "alice,bob" name the same room, so the set is
    /// trimmed, de-duplicated and sorted before it names anything. Other types are taken as given.
    /// </summary>
    public static string Canonical(ChatRoomType type, string roomTypeObject) =>
        type == ChatRoomType.USER
            ? string.Join(',', roomTypeObject.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            : roomTypeObject;

    public static string RoomUuid(ChatRoomType type, string roomTypeObject) =>
        NameBasedUuid.V5(Namespace, EntityId(type, roomTypeObject)).ToString();

    public static string RoomUuid(string entityId) =>
        TryParse(entityId, out var type, out var roomTypeObject)
            ? RoomUuid(type, roomTypeObject)
            : throw new FormatException($"not a chat room entity id: '{entityId}'");

    /// <summary>Reads "TYPE:object" back; the type must be a defined name (numbers are not entity ids).</summary>
    public static bool TryParse(string entityId, out ChatRoomType type, out string roomTypeObject)
    {
        type = ChatRoomType.GLOBAL;
        roomTypeObject = string.Empty;
        var colon = entityId.IndexOf(':');
        if (colon <= 0)
            return false;
        var name = entityId[..colon];
        if (!Enum.TryParse(name, ignoreCase: false, out type) || !Enum.IsDefined(type) || type.ToString() != name)
            return false;
        roomTypeObject = entityId[(colon + 1)..];
        return true;
    }
}
