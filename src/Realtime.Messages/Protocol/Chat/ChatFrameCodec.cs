using System.Text.Json;
using Realtime.Messages.Chat;
using Realtime.Messages.Json;

namespace Realtime.Messages.Protocol.Chat;

/// <summary>
/// Browser JSON of the chat socket (PROTOCOL 2 and 6): lenient parsing of client frames, exact encoding of
/// server frames (zero values omitted, int64 as strings, enums by name).
/// </summary>
public static class ChatFrameCodec
{
    public const string Join = "JOIN";
    public const string Leave = "LEAVE";
    public const string Post = "POST";
    public const string History = "HISTORY";
    public const string DeleteMsg = "DELETE_MSG";
    public const string RoomUpdate = "ROOM_UPDATE";
    public const string MayHaveMore = "MAY_HAVE_MORE";

    /// <summary>
    /// Parses a client text frame. False when it is not a JSON object or its <c>@type</c> is not a string
    /// (malformed); a frame without <c>@type</c> parses with an empty <see cref="ChatClientFrame.WsType"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ChatClientFrame? frame)
    {
        frame = null;
        using var document = LenientJson.TryParse(utf8, out _);
        if (document?.RootElement.ValueKind != JsonValueKind.Object)
            return false;
        frame = Read(document.RootElement);
        return frame is not null;
    }

    /// <summary>Reads a parsed JSON object as a client frame; null when its <c>@type</c> is not a string.</summary>
    public static ChatClientFrame? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return null;
        var wsType = string.Empty;
        ChatRoom? room = null;
        ChatMessage? message = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("@type"))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                    return null;
                wsType = property.Value.GetString()!;
            }
            else if (property.NameIs("Room") && property.Value.ValueKind == JsonValueKind.Object)
                room = ReadRoom(property.Value);
            else if (property.NameIs("Message") && property.Value.ValueKind == JsonValueKind.Object)
                message = ReadMessage(property.Value);
        }

        return new ChatClientFrame(wsType, room, message);
    }

    /// <summary>Reads the <c>{"Offset":o,"Limit":l}</c> of a HISTORY message text; missing or bad values give 0 (room defaults apply).</summary>
    public static (int Offset, int Limit) ParseHistoryRequest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (0, 0);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (0, 0);
            int offset = 0, limit = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameIs("Offset"))
                    offset = (int)Math.Clamp(ReadInt64(property.Value), int.MinValue, int.MaxValue);
                else if (property.NameIs("Limit"))
                    limit = (int)Math.Clamp(ReadInt64(property.Value), int.MinValue, int.MaxValue);
            }

            return (offset, limit);
        }
        catch (JsonException)
        {
            return (0, 0);
        }
    }

    /// <summary>The message Uuid of a JOIN's <c>{"After":"&lt;Uuid&gt;"}</c> (PROTOCOL 7.2); null when the text is not that.</summary>
    public static string? ParseCatchUpRequest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('{'))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameIs("After") && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } after)
                    return after;
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A posted or edited message: a bare ChatMessage.</summary>
    public static byte[] EncodeMessage(ChatMessage message) => Encode(writer => WriteMessage(writer, message));

    public static byte[] EncodeRoomUpdate(ChatRoom room) => Encode(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("@type", RoomUpdate);
        writer.WritePropertyName("Room");
        WriteRoom(writer, room);
        writer.WriteEndObject();
    });

    public static byte[] EncodeDeleteMessage(ChatMessage message) => Encode(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("@type", DeleteMsg);
        writer.WritePropertyName("Message");
        WriteMessage(writer, message);
        writer.WriteEndObject();
    });

    /// <summary>Tells that older history exists; <paramref name="oldestTimestamp"/> is a JSON number here, as the Cells client expects.</summary>
    public static byte[] EncodeMayHaveMore(string roomUuid, int offset, int limit, long oldestTimestamp) => Encode(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("@type", MayHaveMore);
        writer.WriteString("RoomUuid", roomUuid);
        writer.WriteNumber("Offset", offset);
        writer.WriteNumber("Limit", limit);
        writer.WriteNumber("Timestamp", oldestTimestamp);
        writer.WriteEndObject();
    });

    private static byte[] Encode(Action<Utf8JsonWriter> write) => FrameEncoder.Encode(write, static (writer, w) => w(writer));

    private static void WriteRoom(Utf8JsonWriter writer, ChatRoom room)
    {
        writer.WriteStartObject();
        writer.WriteStringIfNotEmpty("Uuid", room.Uuid);
        // Always written, GLOBAL included (PROTOCOL 6): clients key their rooms by Type:RoomTypeObject.
        writer.WriteString("Type", room.Type.ToString());
        writer.WriteStringIfNotEmpty("RoomTypeObject", room.RoomTypeObject);
        writer.WriteStringIfNotEmpty("RoomLabel", room.RoomLabel);
        if (room.Users.Count > 0)
        {
            writer.WriteStartArray("Users");
            foreach (var user in room.Users)
                writer.WriteStringValue(user);
            writer.WriteEndArray();
        }

        writer.WriteInt64StringIfNotZero("LastUpdated", room.LastUpdated);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteStringIfNotEmpty("Uuid", message.Uuid);
        writer.WriteStringIfNotEmpty("RoomUuid", message.RoomUuid);
        writer.WriteStringIfNotEmpty("Message", message.Message);
        writer.WriteStringIfNotEmpty("Author", message.Author);
        writer.WriteInt64StringIfNotZero("Timestamp", message.Timestamp);
        writer.WriteEndObject();
    }

    private static ChatRoom ReadRoom(JsonElement element)
    {
        string uuid = "", roomTypeObject = "", label = "";
        var type = ChatRoomType.GLOBAL;
        var users = new List<string>();
        long lastUpdated = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameIs("Uuid"))
                uuid = ReadString(property.Value);
            else if (property.NameIs("Type"))
                type = ReadRoomType(property.Value);
            else if (property.NameIs("RoomTypeObject"))
                roomTypeObject = ReadString(property.Value);
            else if (property.NameIs("RoomLabel"))
                label = ReadString(property.Value);
            else if (property.NameIs("Users") && property.Value.ValueKind == JsonValueKind.Array)
                users.AddRange(property.Value.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!));
            else if (property.NameIs("LastUpdated"))
                lastUpdated = ReadInt64(property.Value);
        }

        return new ChatRoom(uuid, type, roomTypeObject, label, users, lastUpdated);
    }

    private static ChatMessage ReadMessage(JsonElement element)
    {
        string uuid = "", roomUuid = "", text = "", author = "";
        long timestamp = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameIs("Uuid"))
                uuid = ReadString(property.Value);
            else if (property.NameIs("RoomUuid"))
                roomUuid = ReadString(property.Value);
            else if (property.NameIs("Message"))
                // HISTORY's {"Offset":o,"Limit":l} may come as an object rather than a JSON-encoded string.
                text = property.Value.ValueKind == JsonValueKind.Object ? property.Value.GetRawText() : ReadString(property.Value);
            else if (property.NameIs("Author"))
                author = ReadString(property.Value);
            else if (property.NameIs("Timestamp"))
                timestamp = ReadInt64(property.Value);
        }

        return new ChatMessage(uuid, roomUuid, text, author, timestamp);
    }

    /// <summary>A string, number or boolean as text; anything else reads as empty.</summary>
    private static string ReadString(JsonElement value) => LenientJson.AsString(value);

    /// <summary>An int64 as a JSON number or string; anything else reads as 0.</summary>
    private static long ReadInt64(JsonElement value) => LenientJson.TryInt64(value, out var n) ? n : 0;

    /// <summary>A room type by name (any case) or number; unknown values read as GLOBAL (the zero value).</summary>
    private static ChatRoomType ReadRoomType(JsonElement value) =>
        LenientJson.TryEnum<ChatRoomType>(value, out var type) ? type : ChatRoomType.GLOBAL;
}
