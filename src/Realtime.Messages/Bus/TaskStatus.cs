namespace Realtime.Messages.Bus;

/// <summary>Cells <c>jobs.TaskStatus</c>.</summary>
public enum TaskStatus
{
    Unknown = 0,
    Idle = 1,
    Running = 2,
    Finished = 3,
    Interrupted = 4,
    Paused = 5,
    Any = 6,
    Error = 7,
    Queued = 8,
}
