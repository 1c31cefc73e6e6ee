namespace Realtime.Messages.Chat;

/// <summary>A persisted new or edited (<see cref="IsEdit"/>) message, sent to every member session.</summary>
public sealed record MessagePublished(ChatMessage Message, bool IsEdit = false) : IChatSerializable;
