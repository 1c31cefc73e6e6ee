namespace Realtime.Messages.Chat;

/// <summary>One missed post, edit (bare message frames) or deletion (DELETE_MSG frame) of a <see cref="CatchUpReplay"/>.</summary>
public sealed record CatchUpItem(ChatMessage Message, CatchUpItemKind Kind);
