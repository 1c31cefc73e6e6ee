namespace Realtime.Messages.Chat;

/// <summary>A persisted new or edited message, sent to every member session.</summary>
public sealed record MessagePublished(ChatMessage Message) : IChatSerializable;
