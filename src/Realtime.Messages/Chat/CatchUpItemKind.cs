namespace Realtime.Messages.Chat;

/// <summary>What a replayed journal event was, so it goes out as the frame members saw live.</summary>
public enum CatchUpItemKind
{
    Posted = 0,
    Edited = 1,
    Deleted = 2,
}
