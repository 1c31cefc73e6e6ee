namespace Realtime.Messages.Chat;

/// <summary>Marker for every chat type that crosses nodes or enters the journal: bound to <c>ChatSerializer</c>.</summary>
public interface IChatSerializable;
