using System.Net;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>Events and frame descriptions for the recovery tests (PROTOCOL 7): readable, order-sensitive lists.</summary>
public static class RecoveryEvents
{
    public static string Delete(string root, string file) =>
        $$$"""{"Type":"DELETE","Source":{"Uuid":"n-{{{root.Replace('/', '-')}}}-{{{file}}}","Path":"{{{root}}}/{{{file}}}","Type":"LEAF"}}""";

    public static string Task(string owner, string id) =>
        $$$"""{"TaskUpdated":{"ID":"{{{id}}}","JobID":"job","Status":"Running","TriggerOwner":"{{{owner}}}"},"Job":{"ID":"job"}}""";

    /// <summary>"alpha/file" for a node frame, "task id" for a task frame, the @type otherwise.</summary>
    public static string Describe(JsonElement frame) =>
        frame.TryGetProperty("TaskUpdated", out var task) ? $"task {task.GetProperty("ID").GetString()}"
        : frame.TryGetProperty("@type", out var type) ? type.GetString()!
        : (frame.TryGetProperty("Source", out var source) ? source : frame.GetProperty("Target")).GetProperty("Path").GetString()!;

    /// <summary>
    /// Ingests 200 mixed events through <paramref name="ingest"/> (alice's workspace A and tasks, bob's workspace B
    /// and tasks); returns what alice (role-a) is entitled to, in order.
    /// </summary>
    public static async Task<List<string>> IngestMixedAsync(Func<string, string, Task<HttpResponseMessage>> ingest, string prefix = "m")
    {
        var expected = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await Accepted(ingest("tree", Delete("ds/a", $"{prefix}a{i}")));
            expected.Add($"alpha/{prefix}a{i}");
            await Accepted(ingest("tree", Delete("ds/b", $"{prefix}b{i}")));
            if (i % 4 == 0)
            {
                await Accepted(ingest("task", Task("alice", $"{prefix}t{i}")));
                expected.Add($"task {prefix}t{i}");
                await Accepted(ingest("task", Task("bob", $"{prefix}bob{i}")));
            }
        }
        return expected;
    }

    /// <summary>Reads exactly that many frames and checks nothing else follows; returns the last position.</summary>
    public static async Task<string> ExpectFramesAsync(TestSocket socket, IReadOnlyList<string> expected)
    {
        var got = new List<string>();
        var last = "";
        while (got.Count < expected.Count)
        {
            var frame = await socket.ReceiveJsonAsync();
            got.Add(Describe(frame));
            last = frame.GetProperty("@pos").GetString()!;
        }
        Assert.Equal(expected, got);
        await socket.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
        return last;
    }

    private static async Task Accepted(Task<HttpResponseMessage> response) =>
        Assert.Equal(HttpStatusCode.Accepted, (await response).StatusCode);
}
