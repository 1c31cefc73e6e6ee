namespace Realtime.Actors.Chat;

/// <summary>ActorRegistry key of the chat room shard region: <c>registry.Get&lt;ChatRoomRegion&gt;()</c>.</summary>
public sealed class ChatRoomRegion;
