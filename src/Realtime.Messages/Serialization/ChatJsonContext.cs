using System.Text.Json.Serialization;
using Realtime.Messages.Chat;

namespace Realtime.Messages.Serialization;

/// <summary>Source-generated System.Text.Json metadata for the chat wire and journal types (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ChatRoom))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(JoinRoom))]
[JsonSerializable(typeof(LeaveRoom))]
[JsonSerializable(typeof(PostMessage))]
[JsonSerializable(typeof(DeleteMessage))]
[JsonSerializable(typeof(GetHistory))]
[JsonSerializable(typeof(RoomUpdated))]
[JsonSerializable(typeof(MessagePublished))]
[JsonSerializable(typeof(MessageRemoved))]
[JsonSerializable(typeof(ChatActionRefused))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(RoomCreated))]
[JsonSerializable(typeof(MessagePosted))]
[JsonSerializable(typeof(MessageEdited))]
[JsonSerializable(typeof(MessageDeleted))]
[JsonSerializable(typeof(ChatRoomSnapshot))]
[JsonSerializable(typeof(CatchUpReplay))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
