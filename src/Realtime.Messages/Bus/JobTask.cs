using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>The task part of a <see cref="TaskChangeEvent"/>; fields as in Cells <c>jobs.Task</c>.</summary>
public sealed record JobTask(
    string ID,
    string JobID,
    TaskStatus Status,
    string StatusMessage,
    string TriggerOwner,
    int StartTime,
    int EndTime,
    bool CanStop,
    bool CanPause,
    bool HasProgress,
    double Progress)
{
    public static JobTask Parse(JsonElement json) => new(
        json.String("ID"),
        json.String("JobID"),
        json.Enum<TaskStatus>("Status"),
        json.String("StatusMessage"),
        json.String("TriggerOwner"),
        json.Int32("StartTime"),
        json.Int32("EndTime"),
        json.Bool("CanStop"),
        json.Bool("CanPause"),
        json.Bool("HasProgress"),
        json.TryGet("Progress", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0);
}
