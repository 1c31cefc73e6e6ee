namespace Realtime.Messages.Chat;

/// <summary>
/// The answer to a JOIN with <c>After</c> (PROTOCOL 7.2): the room, then what the joiner missed in journal order;
/// the room's live frames for the joiner follow it, none before.
/// </summary>
public sealed record CatchUpReplay(ChatRoom Room, IReadOnlyList<CatchUpItem> Items, CatchUpTruncated? More) : IChatSerializable;
