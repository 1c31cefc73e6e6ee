using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>Parses and validates one bus event of a topic; the typed result is what the router consumes.</summary>
public static class BusEventParser
{
    public static object Parse(BusTopic topic, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new FormatException("an event must be a JSON object");
        return topic switch
        {
            BusTopic.Tree or BusTopic.Meta => NodeChangeEvent.Parse(json),
            BusTopic.Task => TaskChangeEvent.Parse(json),
            BusTopic.Idm => IdmChangeEvent.Parse(json),
            BusTopic.Activity => ActivityEvent.Parse(json),
            _ => throw new ArgumentOutOfRangeException(nameof(topic)),
        };
    }

    public static object Parse(BusTopic topic, ReadOnlySpan<byte> json)
    {
        using var document = LenientJson.TryParse(json, out var problem) ?? throw new FormatException($"the event is {problem}");
        return Parse(topic, document.RootElement);
    }
}
