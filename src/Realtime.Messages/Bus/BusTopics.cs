namespace Realtime.Messages.Bus;

/// <summary>Topic names: the short form used in URLs and the NATS subject.</summary>
public static class BusTopics
{
    public static readonly IReadOnlyList<BusTopic> All = Enum.GetValues<BusTopic>();

    public static string ShortName(this BusTopic topic) => topic switch
    {
        BusTopic.Tree => "tree",
        BusTopic.Meta => "meta",
        BusTopic.Task => "task",
        BusTopic.Idm => "idm",
        BusTopic.Activity => "activity",
        _ => throw new ArgumentOutOfRangeException(nameof(topic)),
    };

    public static string Subject(this BusTopic topic) => topic switch
    {
        BusTopic.Tree => "topic.pydio.tree.nodes.changes",
        BusTopic.Meta => "topic.pydio.meta.nodes.changes",
        BusTopic.Task => "topic.pydio.jobconfig.event",
        BusTopic.Idm => "topic.pydio.idm.event",
        BusTopic.Activity => "topic.pydio.activity.event",
        _ => throw new ArgumentOutOfRangeException(nameof(topic)),
    };

    /// <summary>Accepts the short name or the full subject.</summary>
    public static bool TryParse(string name, out BusTopic topic)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(name, candidate.ShortName(), StringComparison.OrdinalIgnoreCase) || string.Equals(name, candidate.Subject(), StringComparison.Ordinal))
            {
                topic = candidate;
                return true;
            }
        }
        topic = default;
        return false;
    }
}
