namespace Realtime.Messages.Bus;

/// <summary>Cells tree event type; numbers are the Cells protobuf values.</summary>
public enum NodeEventType
{
    CREATE = 0,
    READ = 1,
    UPDATE_PATH = 2,
    UPDATE_CONTENT = 3,
    UPDATE_META = 4,
    DELETE = 5,
    UPDATE_USER_META = 6,
}
