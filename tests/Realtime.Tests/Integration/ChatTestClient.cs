using System.Text.Json;
using Realtime.Messages.Chat;

namespace Realtime.Tests.Integration;

/// <summary>
/// A chat socket (<c>/chat</c>) with the frames of PROTOCOL 6 as helpers. Server frames are read in order;
/// <see cref="NextAsync"/> can skip presence updates that a test does not care about.
/// </summary>
public sealed class ChatTestClient : IAsyncDisposable
{
    private ChatTestClient(TestSocket socket, string login)
    {
        Socket = socket;
        Login = login;
    }

    public TestSocket Socket { get; }

    public string Login { get; }

    /// <summary>Connects to <c>/chat</c> and subscribes; returns after the <c>subscribed</c> frame.</summary>
    public static async Task<ChatTestClient> ConnectAsync(TestGateway gateway, string login, string[] roles, string profile = "standard", string path = "/chat") =>
        new(await gateway.SubscribeAsync(login, roles, profile, path), login);

    /// <summary>Connects to a chat socket by its address and subscribes with <paramref name="token"/> (gateways in other processes).</summary>
    public static async Task<ChatTestClient> ConnectAsync(Uri chatUri, string token, string login)
    {
        var socket = await TestSocket.ConnectAsync(chatUri);
        await socket.SubscribeAsync(token);
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("subscribed", TypeOf(ack));
        return new ChatTestClient(socket, login);
    }

    public static string Uuid(ChatRoomType type, string roomTypeObject) => RoomIdentity.RoomUuid(type, roomTypeObject);

    public Task SendAsync(object frame) => Socket.SendAsync(JsonSerializer.Serialize(frame));

    public Task JoinAsync(ChatRoomType type, string roomTypeObject, string? label = null) =>
        SendAsync(new Dictionary<string, object> { ["@type"] = "JOIN", ["Room"] = Room(type, roomTypeObject, label) });

    /// <summary>A JOIN that asks for every message after <paramref name="afterMessageUuid"/> (PROTOCOL 7.2).</summary>
    public Task JoinAfterAsync(ChatRoomType type, string roomTypeObject, string afterMessageUuid) =>
        SendAsync(new Dictionary<string, object>
        {
            ["@type"] = "JOIN",
            ["Room"] = Room(type, roomTypeObject),
            ["Message"] = new { Message = JsonSerializer.Serialize(new { After = afterMessageUuid }) },
        });

    public Task HeartbeatAsync(ChatRoomType type, string roomTypeObject) =>
        SendAsync(new Dictionary<string, object> { ["@type"] = "JOIN", ["Room"] = Room(type, roomTypeObject), ["Message"] = new { Message = "PING" } });

    public Task LeaveAsync(ChatRoomType type, string roomTypeObject) =>
        SendAsync(new Dictionary<string, object> { ["@type"] = "LEAVE", ["Room"] = Room(type, roomTypeObject) });

    /// <summary>A POST as the Cells client sends it: the room by <c>Message.RoomUuid</c>.</summary>
    public Task PostAsync(string roomUuid, string text, string? author = null, string? uuid = null)
    {
        var message = new Dictionary<string, object> { ["RoomUuid"] = roomUuid, ["Message"] = text };
        if (author is not null)
            message["Author"] = author;
        if (uuid is not null)
            message["Uuid"] = uuid;
        return SendAsync(new Dictionary<string, object> { ["@type"] = "POST", ["Message"] = message });
    }

    public Task HistoryAsync(ChatRoomType type, string roomTypeObject, int offset, int limit) =>
        SendAsync(new Dictionary<string, object>
        {
            ["@type"] = "HISTORY",
            ["Room"] = Room(type, roomTypeObject),
            ["Message"] = new { Message = JsonSerializer.Serialize(new { Offset = offset, Limit = limit }) },
        });

    public Task DeleteAsync(string roomUuid, string messageUuid, string? author = null) =>
        SendAsync(new Dictionary<string, object>
        {
            ["@type"] = "DELETE_MSG",
            ["Message"] = author is null
                ? new Dictionary<string, object> { ["RoomUuid"] = roomUuid, ["Uuid"] = messageUuid }
                : new Dictionary<string, object> { ["RoomUuid"] = roomUuid, ["Uuid"] = messageUuid, ["Author"] = author },
        });

    public Task<JsonElement> ReceiveAsync() => Socket.ReceiveJsonAsync();

    /// <summary>The next frame that is not a ROOM_UPDATE (presence changes of other members are skipped).</summary>
    public async Task<JsonElement> NextAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (TypeOf(frame) != "ROOM_UPDATE")
                return frame;
        }
    }

    /// <summary>Reads until a frame of <paramref name="type"/> ("" for a bare message) and returns it.</summary>
    public async Task<JsonElement> ExpectAsync(string type)
    {
        var frame = await ReceiveAsync();
        Assert.True(TypeOf(frame) == type, $"expected a '{type}' frame, got {frame.GetRawText()}");
        return frame;
    }

    public async Task<string> ExpectErrorAsync()
    {
        var frame = await NextAsync();
        Assert.True(TypeOf(frame) == "error", $"expected an error frame, got {frame.GetRawText()}");
        Assert.Equal("", frame.GetProperty("jwt").GetString());
        return frame.GetProperty("error").GetString()!;
    }

    /// <summary>The ROOM_UPDATE that answers a JOIN.</summary>
    public async Task<JsonElement> JoinedAsync(ChatRoomType type, string roomTypeObject, string? label = null)
    {
        await JoinAsync(type, roomTypeObject, label);
        var update = await ExpectAsync("ROOM_UPDATE");
        Assert.Equal(Uuid(type, roomTypeObject), update.GetProperty("Room").GetProperty("Uuid").GetString());
        return update;
    }

    /// <summary>Reads <paramref name="count"/> bare messages, skipping presence updates.</summary>
    public async Task<List<JsonElement>> MessagesAsync(int count)
    {
        var messages = new List<JsonElement>();
        while (messages.Count < count)
        {
            var frame = await NextAsync();
            Assert.True(TypeOf(frame) == "", $"expected a bare message, got {frame.GetRawText()}");
            messages.Add(frame);
        }
        return messages;
    }

    /// <summary>
    /// Pages back through a room's history with <paramref name="limit"/> and returns every message, oldest first,
    /// checking each page's ROOM_UPDATE and MAY_HAVE_MORE on the way.
    /// </summary>
    public async Task<List<JsonElement>> AllHistoryAsync(ChatRoomType type, string roomTypeObject, int limit, int expectedTotal)
    {
        var pages = new List<List<JsonElement>>();
        for (var offset = 0; ; offset += limit)
        {
            await HistoryAsync(type, roomTypeObject, offset, limit);
            var update = await ExpectAsync("ROOM_UPDATE");
            Assert.Equal(Uuid(type, roomTypeObject), update.GetProperty("Room").GetProperty("Uuid").GetString());
            var expectedCount = Math.Clamp(expectedTotal - offset, 0, limit);
            var page = new List<JsonElement>();
            for (var i = 0; i < expectedCount; i++)
                page.Add(await ExpectAsync(""));
            pages.Add(page);
            if (offset + limit >= expectedTotal)
                break;
            var more = await ExpectAsync("MAY_HAVE_MORE");
            Assert.Equal(Uuid(type, roomTypeObject), more.GetProperty("RoomUuid").GetString());
            Assert.Equal(offset + limit, more.GetProperty("Offset").GetInt32());
            Assert.Equal(limit, more.GetProperty("Limit").GetInt32());
            Assert.Equal(long.Parse(page[0].GetProperty("Timestamp").GetString()!), more.GetProperty("Timestamp").GetInt64());
        }
        pages.Reverse();
        return pages.SelectMany(p => p).ToList();
    }

    public static string TypeOf(JsonElement frame) =>
        frame.TryGetProperty("@type", out var type) ? type.GetString() ?? "" : "";

    public static string Text(JsonElement message) => message.GetProperty("Message").GetString()!;

    public static IEnumerable<string> Users(JsonElement roomUpdate) =>
        roomUpdate.GetProperty("Room").TryGetProperty("Users", out var users) ? users.EnumerateArray().Select(u => u.GetString()!) : [];

    private static Dictionary<string, object> Room(ChatRoomType type, string roomTypeObject, string? label = null)
    {
        var room = new Dictionary<string, object> { ["Type"] = type.ToString(), ["RoomTypeObject"] = roomTypeObject };
        if (label is not null)
            room["RoomLabel"] = label;
        return room;
    }

    public ValueTask DisposeAsync() => Socket.DisposeAsync();
}
