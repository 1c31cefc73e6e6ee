namespace Realtime.Actors.Chat;

/// <summary>Limits of one chat socket (PROTOCOL 6).</summary>
public sealed record ChatSessionSettings
{
    /// <summary>Largest accepted <c>Message.Message</c> of a POST, in UTF-8 bytes.</summary>
    public int MaxChatMessageBytes { get; init; } = 8 * 1024;

    /// <summary>How long a JOIN/HISTORY waits for the router's access answer before it is refused.</summary>
    public TimeSpan AccessTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a JOIN, HISTORY, POST or DELETE_MSG waits for its room's answer before an error frame frees the socket's next frame.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
