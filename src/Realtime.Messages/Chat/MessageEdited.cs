namespace Realtime.Messages.Chat;

/// <summary>Journal event: the text of an existing message changed (Uuid, Author and Timestamp stay).</summary>
public sealed record MessageEdited(ChatMessage Message, long EditedAt) : IChatSerializable;
