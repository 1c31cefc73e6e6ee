namespace Realtime.Messages.Chat;

/// <summary>One page of history, oldest first; <see cref="MayHaveMore"/> when older messages exist.</summary>
public sealed record HistoryPage(
    ChatRoom Room,
    IReadOnlyList<ChatMessage> Messages,
    int Offset,
    int Limit,
    bool MayHaveMore) : IChatSerializable;
