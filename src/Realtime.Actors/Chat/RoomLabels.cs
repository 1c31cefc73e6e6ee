using Realtime.Messages.Chat;

namespace Realtime.Actors.Chat;

/// <summary>Labels the server gives rooms itself, whatever the client sent (PROTOCOL 6).</summary>
public static class RoomLabels
{
    /// <summary>A USER room's label: its logins, sorted, joined with ", " (the same for every joiner and after restarts).</summary>
    public static string ForUsers(string roomTypeObject) =>
        string.Join(", ", RoomIdentity.Canonical(ChatRoomType.USER, roomTypeObject).Split(',', StringSplitOptions.RemoveEmptyEntries));
}
