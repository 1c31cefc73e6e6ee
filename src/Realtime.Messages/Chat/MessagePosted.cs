namespace Realtime.Messages.Chat;

/// <summary>Journal event: a new message.</summary>
public sealed record MessagePosted(ChatMessage Message) : IChatSerializable;
