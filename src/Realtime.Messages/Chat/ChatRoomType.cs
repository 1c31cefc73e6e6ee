namespace Realtime.Messages.Chat;

/// <summary>Room kinds; numbers follow Cells (PROTOCOL 2) and are stored in the journal, so never renumber.</summary>
public enum ChatRoomType
{
    GLOBAL = 0,
    WORKSPACE = 1,
    USER = 2,
    NODE = 3,
}
