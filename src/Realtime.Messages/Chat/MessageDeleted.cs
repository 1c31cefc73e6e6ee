namespace Realtime.Messages.Chat;

/// <summary>Journal event: a message was deleted by <see cref="DeletedBy"/>.</summary>
public sealed record MessageDeleted(string MessageUuid, string DeletedBy, long DeletedAt) : IChatSerializable;
