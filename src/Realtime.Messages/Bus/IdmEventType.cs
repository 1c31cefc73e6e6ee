namespace Realtime.Messages.Bus;

/// <summary>Cells <c>idm.ChangeEventType</c>.</summary>
public enum IdmEventType
{
    CREATE = 0,
    READ = 1,
    UPDATE = 2,
    DELETE = 3,
    BIND = 4,
    UNBIND = 5,
    LOGIN = 6,
    LOGOUT = 7,
}
