namespace Realtime.Messages.Bus;

/// <summary>Cells <c>activity.OwnerType</c>.</summary>
public enum ActivityOwnerType
{
    NODE = 0,
    USER = 1,
}
