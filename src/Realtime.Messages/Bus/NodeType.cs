namespace Realtime.Messages.Bus;

public enum NodeType
{
    UNKNOWN = 0,
    LEAF = 1,
    COLLECTION = 2,
}
