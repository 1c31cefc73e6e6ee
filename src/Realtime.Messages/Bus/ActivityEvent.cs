using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>Bus payload of the <c>activity</c> topic (PROTOCOL 4.5): <c>PostActivityEvent</c>.</summary>
public sealed record ActivityEvent(ActivityOwnerType OwnerType, string OwnerId, string BoxName, JsonObject Activity)
{
    public static ActivityEvent Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new FormatException("an activity event must be a JSON object");
        var activity = json.Object("Activity") is { } a ? JsonObject.Create(a.Clone()) ?? new JsonObject() : new JsonObject();
        return new ActivityEvent(json.Enum<ActivityOwnerType>("OwnerType"), json.String("OwnerId"), json.String("BoxName"), activity);
    }

    /// <summary>The login of <c>Activity.actor.id</c>, or empty.</summary>
    public string ActorId => Activity["actor"] is JsonObject actor && actor["id"] is JsonValue id && id.TryGetValue<string>(out var s) ? s : "";
}
