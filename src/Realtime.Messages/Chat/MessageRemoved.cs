namespace Realtime.Messages.Chat;

/// <summary>A persisted deletion, sent to every member session. Older messages may carry an empty text.</summary>
public sealed record MessageRemoved(ChatMessage Message) : IChatSerializable;
