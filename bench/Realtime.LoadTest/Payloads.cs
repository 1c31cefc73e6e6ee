using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Realtime.LoadTest;

/// <summary>
/// The events both targets get: tree CREATE events alternating between <c>ds/a</c> (workspace A) and
/// <c>ds/b</c> (workspace B), the send timestamp (<see cref="Stopwatch.GetTimestamp"/>) in <c>MetaStore.bench_sent</c>.
/// </summary>
public static class Payloads
{
    public const string WorkspaceA = "ws-a";
    public const string WorkspaceB = "ws-b";

    public const string DirectoryJson = """
    {
      "Workspaces": [
        { "UUID": "ws-a", "Slug": "alpha", "RootNodes": { "n-a": { "Uuid": "n-a", "Path": "ds/a" } } },
        { "UUID": "ws-b", "Slug": "beta", "RootNodes": { "n-b": { "Uuid": "n-b", "Path": "ds/b" } } }
      ],
      "Acls": [
        { "ID": "a1", "RoleID": "role-a", "WorkspaceID": "ws-a", "NodeID": "n-a", "Action": { "Name": "read", "Value": "1" } },
        { "ID": "b1", "RoleID": "role-b", "WorkspaceID": "ws-b", "NodeID": "n-b", "Action": { "Name": "read", "Value": "1" } }
      ],
      "Nodes": []
    }
    """;

    private static readonly byte[] Marker = "bench_sent\":\""u8.ToArray();
    private const string MarkerText = "bench_sent\":\"";

    /// <summary>A JSON array of events <paramref name="first"/>..first+count-1, stamped now.</summary>
    public static string Batch(int first, int count, string run)
    {
        var sent = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        var body = new StringBuilder(count * 220);
        body.Append('[');
        for (var i = first; i < first + count; i++)
        {
            if (i > first)
                body.Append(',');
            var folder = i % 2 == 0 ? "a" : "b";
            body.Append("{\"Type\":\"CREATE\",\"Target\":{\"Uuid\":\"").Append(run).Append('-').Append(i)
                .Append("\",\"Path\":\"ds/").Append(folder).Append("/docs/").Append(run).Append("-file-").Append(i)
                .Append(".txt\",\"Type\":\"LEAF\",\"Size\":\"4096\",\"MTime\":\"1767225600\",\"Etag\":\"e").Append(i)
                .Append("\",\"MetaStore\":{\"mime\":\"\\\"text/plain\\\"\",\"bench_sent\":\"").Append(sent).Append("\"}}}");
        }
        body.Append(']');
        return body.ToString();
    }

    /// <summary>The workspace of an event by its path, for the SignalR baseline's group.</summary>
    public static string GroupOf(string path) => path.StartsWith("ds/a/", StringComparison.Ordinal) ? WorkspaceA : WorkspaceB;

    public static long SentOf(ReadOnlySpan<byte> frame)
    {
        var at = frame.IndexOf(Marker);
        if (at < 0)
            return 0;
        long value = 0;
        foreach (var b in frame[(at + Marker.Length)..])
        {
            if (b is < (byte)'0' or > (byte)'9')
                break;
            value = value * 10 + (b - '0');
        }
        return value;
    }

    public static long SentOf(string frame)
    {
        var at = frame.IndexOf(MarkerText, StringComparison.Ordinal);
        if (at < 0)
            return 0;
        long value = 0;
        for (var i = at + MarkerText.Length; i < frame.Length && char.IsAsciiDigit(frame[i]); i++)
            value = value * 10 + (frame[i] - '0');
        return value;
    }
}
