using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>Bus payload of the <c>task</c> topic (PROTOCOL 4.3). The job is forwarded as received.</summary>
public sealed record TaskChangeEvent(JobTask TaskUpdated, JsonElement? Job)
{
    public const string SystemUser = "pydio.system.user";

    public static TaskChangeEvent Parse(JsonElement json)
    {
        if (json.Object("TaskUpdated") is not { } task)
            throw new FormatException("a task event needs a TaskUpdated object");
        var job = json.Object("Job")?.Clone();
        return new TaskChangeEvent(JobTask.Parse(task), job);
    }
}
