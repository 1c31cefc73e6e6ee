namespace Realtime.Messages.Chat;

/// <summary>The room refused a command; the session turns it into an error frame and keeps the socket open.</summary>
public sealed record ChatActionRefused(string EntityId, string Reason) : IChatSerializable;
