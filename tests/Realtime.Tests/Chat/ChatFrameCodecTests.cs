using System.Text;
using Realtime.Messages.Chat;
using Realtime.Messages.Protocol.Chat;

namespace Realtime.Tests.Chat;

public sealed class ChatFrameCodecTests
{
    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    private static ChatClientFrame Parse(string json)
    {
        Assert.True(ChatFrameCodec.TryParse(Encoding.UTF8.GetBytes(json), out var frame));
        return frame!;
    }

    [Fact]
    public void A_posted_message_is_a_bare_chat_message_with_a_string_timestamp() =>
        Assert.Equal(
            """{"Uuid":"m-1","RoomUuid":"r-1","Message":"héllo <b>","Author":"alice","Timestamp":"1733000000"}""",
            Text(ChatFrameCodec.EncodeMessage(new ChatMessage("m-1", "r-1", "héllo <b>", "alice", 1_733_000_000))));

    [Fact]
    public void Room_update_writes_the_type_by_name_and_users() =>
        Assert.Equal(
            """{"@type":"ROOM_UPDATE","Room":{"Uuid":"r-1","Type":"NODE","RoomTypeObject":"n-1","RoomLabel":"Doc","Users":["alice","bob"],"LastUpdated":"1733000000"}}""",
            Text(ChatFrameCodec.EncodeRoomUpdate(new ChatRoom("r-1", ChatRoomType.NODE, "n-1", "Doc", ["alice", "bob"], 1_733_000_000))));

    [Fact]
    public void Zero_values_are_omitted_but_the_room_type_is_written_even_global() =>
        Assert.Equal(
            """{"@type":"ROOM_UPDATE","Room":{"Uuid":"r-1","Type":"GLOBAL"}}""",
            Text(ChatFrameCodec.EncodeRoomUpdate(new ChatRoom("r-1", ChatRoomType.GLOBAL, "", "", [], 0))));

    [Fact]
    public void Delete_frame_wraps_the_message() =>
        Assert.Equal(
            """{"@type":"DELETE_MSG","Message":{"Uuid":"m-1","RoomUuid":"r-1","Author":"alice","Timestamp":"5"}}""",
            Text(ChatFrameCodec.EncodeDeleteMessage(new ChatMessage("m-1", "r-1", "", "alice", 5))));

    [Fact]
    public void May_have_more_carries_a_numeric_timestamp() =>
        Assert.Equal(
            """{"@type":"MAY_HAVE_MORE","RoomUuid":"r-1","Offset":80,"Limit":40,"Timestamp":1733000000}""",
            Text(ChatFrameCodec.EncodeMayHaveMore("r-1", 80, 40, 1_733_000_000)));

    [Fact]
    public void Client_frames_parse_leniently()
    {
        var frame = Parse("""{"@type":"JOIN","room":{"TYPE":3,"roomTypeObject":"n-1","users":["x"],"LastUpdated":"12"},"MESSAGE":{"message":"PING","timestamp":"99"}}""");
        Assert.Equal("JOIN", frame.WsType);
        Assert.Equal(new ChatRoom("", ChatRoomType.NODE, "n-1", "", frame.Room!.Users, 12), frame.Room);
        Assert.Equal(["x"], frame.Room.Users);
        Assert.Equal(new ChatMessage("", "", "PING", "", 99), frame.Message);
        Assert.True(frame.IsHeartbeat);

        var byName = Parse("""{"@type":"POST","Room":{"Type":"workspace","Uuid":"r"},"Message":{"Message":"hi","Timestamp":7}}""");
        Assert.Equal(ChatRoomType.WORKSPACE, byName.Room!.Type);
        Assert.Equal(7, byName.Message!.Timestamp);
        Assert.False(byName.IsHeartbeat);
    }

    [Theory]
    // The same lenient reader as bus input (LenientJson): a number where a string is expected is its text, a room
    // type as a number in a string is that type, an unknown type or a bad integer reads as the zero value.
    [InlineData("""{"Type":"2","RoomTypeObject":42,"LastUpdated":"x"}""", ChatRoomType.USER, "42", 0)]
    [InlineData("""{"Type":99,"RoomTypeObject":"g","LastUpdated":12.7}""", ChatRoomType.GLOBAL, "g", 12)]
    [InlineData("""{"Type":"nonsense","RoomTypeObject":null,"LastUpdated":"-5"}""", ChatRoomType.GLOBAL, "", -5)]
    public void Room_fields_read_leniently(string room, ChatRoomType type, string roomTypeObject, long lastUpdated)
    {
        var parsed = Parse($$"""{"@type":"JOIN","Room":{{room}}}""").Room!;
        Assert.Equal((type, roomTypeObject, lastUpdated), (parsed.Type, parsed.RoomTypeObject, parsed.LastUpdated));
    }

    [Fact]
    public void A_frame_without_type_parses_with_an_empty_type_and_no_room() =>
        Assert.Equal(new ChatClientFrame("", null, null), Parse("""{"Other":1}"""));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"@type":5}""")]
    [InlineData("""{"@type":"JOIN" """)]
    public void Malformed_frames_are_refused(string json) =>
        Assert.False(ChatFrameCodec.TryParse(Encoding.UTF8.GetBytes(json), out _));

    [Fact]
    public void A_frame_that_is_not_UTF8_is_refused() =>
        Assert.False(ChatFrameCodec.TryParse([.. "{\"@type\":\"POST\",\"Room\":{\"Uuid\":\""u8, 0xC3, 0x28, .. "\"}}"u8], out _));

    [Theory]
    [InlineData("""{"Offset":40,"Limit":20}""", 40, 20)]
    [InlineData("""{"offset":"10","limit":"5"}""", 10, 5)]
    [InlineData("", 0, 0)]
    [InlineData("garbage", 0, 0)]
    public void History_requests_read_offset_and_limit(string text, int offset, int limit) =>
        Assert.Equal((offset, limit), ChatFrameCodec.ParseHistoryRequest(text));

    [Theory]
    [InlineData("""{"After":"m-1"}""", "m-1")]
    [InlineData("""{"after":"m-2","Other":1}""", "m-2")]
    [InlineData("PING", null)]
    [InlineData("""{"After":""}""", null)]
    [InlineData("""{"After":7}""", null)]
    [InlineData("""[1]""", null)]
    [InlineData("""{"After":""", null)]
    [InlineData(null, null)]
    public void A_join_asks_for_a_catch_up_only_with_an_after_uuid(string? text, string? after) =>
        Assert.Equal(after, ChatFrameCodec.ParseCatchUpRequest(text));
}
