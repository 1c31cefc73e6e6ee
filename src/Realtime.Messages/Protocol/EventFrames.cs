using System.Text.Json;
using Realtime.Messages.Bus;

namespace Realtime.Messages.Protocol;

/// <summary>Server frames of the events socket (PROTOCOL 3.2), encoded once and shared by every recipient.</summary>
public static class EventFrames
{
    // PROTOCOL 4.4: policies never leave, nor a workspace's internal root paths. Case-insensitive, as the lenient
    // reader accepts names in any case.
    private static readonly IReadOnlySet<string> IdmHidden = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Policies" };
    private static readonly IReadOnlySet<string> IdmWorkspaceHidden = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Policies", "RootNodes" };

    /// <param name="position">The stream position, for a v2 subscribe (PROTOCOL 7.1); null for v1.</param>
    /// <param name="recovered">Whether a <c>recover</c> was honoured; null when none was asked for.</param>
    public static byte[] Subscribed(string login, IEnumerable<string> workspaces, long expiresUnixSeconds, string? position = null, bool? recovered = null) =>
        FrameEncoder.Encode((login, workspaces, expiresUnixSeconds, position, recovered), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "subscribed");
            w.WriteString("user", s.login);
            w.WriteStartArray("workspaces");
            foreach (var workspace in s.workspaces)
                w.WriteStringValue(workspace);
            w.WriteEndArray();
            w.WriteNumber("exp", s.expiresUnixSeconds);
            if (s.position is not null)
                w.WriteString("pos", s.position);
            if (s.recovered is { } recovered)
                w.WriteBoolean("recovered", recovered);
            w.WriteEndObject();
        });

    /// <summary>
    /// The v2 form of an event frame (PROTOCOL 7.1): the v1 bytes with <c>"@pos":"&lt;cursor&gt;"</c> added as the
    /// last member. Cursors are plain ASCII with nothing to escape.
    /// </summary>
    public static byte[] WithPosition(byte[] frame, string cursor)
    {
        var end = Array.LastIndexOf(frame, (byte)'}');
        var member = System.Text.Encoding.ASCII.GetBytes((end > 1 ? "," : "") + "\"@pos\":\"" + cursor + "\"");
        var result = new byte[frame.Length + member.Length];
        frame.AsSpan(0, end).CopyTo(result);
        member.CopyTo(result.AsSpan(end));
        frame.AsSpan(end).CopyTo(result.AsSpan(end + member.Length));
        return result;
    }

    public static byte[] Error(string reason) =>
        FrameEncoder.Encode(reason, static (w, r) =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "error");
            w.WriteString("jwt", "");
            w.WriteString("error", r);
            w.WriteEndObject();
        });

    /// <summary>A node event: only Type, Source and Target (PROTOCOL 4.2); CREATE has no Type key.</summary>
    public static byte[] NodeEvent(NodeEventType type, Node? source, Node? target) =>
        FrameEncoder.Encode((type, source, target), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.type != NodeEventType.CREATE)
                w.WriteString("Type", s.type.ToString());
            if (s.source is not null)
            {
                w.WritePropertyName("Source");
                NodeJsonWriter.Write(w, s.source);
            }
            if (s.target is not null)
            {
                w.WritePropertyName("Target");
                NodeJsonWriter.Write(w, s.target);
            }
            w.WriteEndObject();
        });

    public static byte[] Task(TaskChangeEvent change) =>
        FrameEncoder.Encode(change, static (w, c) =>
        {
            var t = c.TaskUpdated;
            w.WriteStartObject();
            w.WriteStartObject("TaskUpdated");
            w.WriteStringIfNotEmpty("ID", t.ID);
            w.WriteStringIfNotEmpty("JobID", t.JobID);
            if (t.Status != Bus.TaskStatus.Unknown)
                w.WriteString("Status", t.Status.ToString());
            w.WriteStringIfNotEmpty("StatusMessage", t.StatusMessage);
            w.WriteStringIfNotEmpty("TriggerOwner", t.TriggerOwner);
            if (t.StartTime != 0)
                w.WriteNumber("StartTime", t.StartTime);
            if (t.EndTime != 0)
                w.WriteNumber("EndTime", t.EndTime);
            if (t.CanStop)
                w.WriteBoolean("CanStop", true);
            if (t.CanPause)
                w.WriteBoolean("CanPause", true);
            if (t.HasProgress)
                w.WriteBoolean("HasProgress", true);
            if (t.Progress != 0)
                w.WriteNumber("Progress", t.Progress);
            w.WriteEndObject();
            if (c.Job is { } job)
            {
                w.WritePropertyName("Job");
                job.WriteTo(w);
            }
            w.WriteEndObject();
        });

    public static byte[] Idm(IdmChangeEvent change) =>
        FrameEncoder.Encode(change, static (w, c) =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "idm");
            if (c.Type != IdmEventType.CREATE)
                w.WriteString("Type", c.Type.ToString());
            if (c.User is { } user)
            {
                w.WriteStartObject("User");
                w.WriteStringIfNotEmpty("Uuid", user.Uuid);
                w.WriteStringIfNotEmpty("Login", user.Login);
                w.WriteStringIfNotEmpty("GroupPath", user.GroupPath);
                if (user.IsGroup)
                    w.WriteBoolean("IsGroup", true);
                if (user.Attributes.Count > 0)
                {
                    w.WriteStartObject("Attributes");
                    foreach (var (key, value) in user.Attributes)
                        w.WriteString(key, value);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            WriteRedacted(w, "Role", c.Role, IdmHidden);
            WriteRedacted(w, "Workspace", c.WorkspaceJson, IdmWorkspaceHidden);
            WriteRedacted(w, "Acl", c.AclJson, IdmHidden);
            WriteRedacted(w, "Attributes", c.Attributes, IdmHidden);
            w.WriteEndObject();
        });

    /// <summary>An activity frame; <paramref name="activity"/> is the already trimmed activity object.</summary>
    public static byte[] Activity(ActivityEvent change, System.Text.Json.Nodes.JsonObject activity) =>
        FrameEncoder.Encode((change, activity), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "activity");
            if (s.change.OwnerType != ActivityOwnerType.NODE)
                w.WriteString("OwnerType", s.change.OwnerType.ToString());
            w.WriteStringIfNotEmpty("OwnerId", s.change.OwnerId);
            w.WriteStringIfNotEmpty("BoxName", s.change.BoxName);
            w.WritePropertyName("Activity");
            s.activity.WriteTo(w);
            w.WriteEndObject();
        });

    private static void WriteRedacted(Utf8JsonWriter writer, string name, JsonElement? value, IReadOnlySet<string> hidden)
    {
        if (value is not { } element)
            return;
        writer.WritePropertyName(name);
        RedactedJsonWriter.Write(writer, element, hidden);
    }
}
