namespace Realtime.Actors.Chat;

/// <summary>Limits of one chat socket (PROTOCOL 6).</summary>
public sealed record ChatSessionSettings
{
    /// <summary>Largest accepted <c>Message.Message</c> of a POST, in UTF-8 bytes.</summary>
    public int MaxChatMessageBytes { get; init; } = 8 * 1024;

    /// <summary>How long a JOIN/HISTORY waits for the router's access answer before it is refused.</summary>
    public TimeSpan AccessTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
