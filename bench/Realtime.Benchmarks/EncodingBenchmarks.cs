using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Realtime.Actors.Access;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;

namespace Realtime.Benchmarks;

/// <summary>
/// One browser node frame. Baseline: <see cref="JsonSerializer"/> of an equivalent anonymous object (zero
/// values omitted, 64-bit values as strings). Ours: <see cref="EventFrames.NodeEvent"/> through the pooled
/// <see cref="FrameEncoder"/>.
/// </summary>
[MemoryDiagnoser]
public class EncodingBenchmarks
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
    };

    private Node _target = null!;

    [GlobalSetup]
    public void Setup()
    {
        var change = BenchData.NodeEvent();
        var workspace = new Workspace("ws-0", "space0", "", [new RootNode("n-shared", BenchData.SharedRoot, "n-shared")]);
        _target = PathRewriter.ForWorkspace(workspace, workspace.RootNodes[0], change.Target!);
    }

    [Benchmark(Baseline = true, Description = "JsonSerializer anonymous object")]
    public byte[] SystemTextJson()
    {
        var n = _target;
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            Type = nameof(NodeEventType.UPDATE_CONTENT),
            Target = new
            {
                n.Uuid,
                n.Path,
                Type = n.Type.ToString(),
                Size = n.Size.ToString(CultureInfo.InvariantCulture),
                MTime = n.MTime.ToString(CultureInfo.InvariantCulture),
                n.Mode,
                n.Etag,
                n.MetaStore,
            },
        }, Options);
    }

    [Benchmark(Description = "EventFrames.NodeEvent (ours)")]
    public byte[] EventFramesNodeEvent() => EventFrames.NodeEvent(NodeEventType.UPDATE_CONTENT, null, _target);
}
