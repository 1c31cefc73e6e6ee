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

    /// <summary>Rooms one socket may have joined at once; a JOIN of one more is refused.</summary>
    public int MaxRoomsPerSocket { get; init; } = 100;

    /// <summary>Largest <c>RoomTypeObject</c> a frame may name, in UTF-8 bytes (the room's journal key must fit its column).</summary>
    public int MaxRoomObjectBytes { get; init; } = 200;

    /// <summary>Largest <c>RoomLabel</c> a JOIN may carry, in UTF-8 bytes.</summary>
    public int MaxRoomLabelBytes { get; init; } = 200;

    /// <summary>Roles (uuids) whose users may create GLOBAL rooms; admins always may.</summary>
    public IReadOnlySet<string> GlobalRoomCreatorRoles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>GLOBAL rooms any user may join, created by their first joiner whoever it is.</summary>
    public IReadOnlySet<string> GlobalRooms { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "lobby" };

    /// <summary>HISTORY frames one socket may send per second on average (each may read the journal).</summary>
    public int MaxHistoryPerSecond { get; init; } = 5;

    /// <summary>HISTORY frames one socket may send at once before <see cref="MaxHistoryPerSecond"/> applies.</summary>
    public int HistoryBurst { get; init; } = 10;
}
