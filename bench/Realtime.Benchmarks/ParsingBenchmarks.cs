using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Realtime.Messages.Bus;

namespace Realtime.Benchmarks;

/// <summary>
/// One bus node event from UTF-8. Baseline: <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, JsonSerializerOptions?)"/>
/// into DTOs with case-insensitive names, numbers from strings and string enums. Ours: the lenient
/// <see cref="NodeChangeEvent.Parse"/> over a <see cref="JsonDocument"/> (what the router and ingest do).
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter() },
    };

    private byte[] _json = null!;

    [Params("PascalCase", "lowercase")]
    public string Names { get; set; } = "PascalCase";

    [GlobalSetup]
    public void Setup() => _json = Encoding.UTF8.GetBytes(BenchData.NodeEventJson(lowerCaseNames: Names == "lowercase"));

    [Benchmark(Baseline = true, Description = "JsonSerializer.Deserialize (case-insensitive)")]
    public NodeChangeDto? SystemTextJson() => JsonSerializer.Deserialize<NodeChangeDto>(_json, Options);

    [Benchmark(Description = "NodeChangeEvent.Parse(JsonDocument) (ours)")]
    public NodeChangeEvent Lenient()
    {
        using var document = JsonDocument.Parse(_json);
        return NodeChangeEvent.Parse(document.RootElement);
    }

    public sealed class NodeChangeDto
    {
        public NodeEventType Type { get; set; }
        public NodeDto? Source { get; set; }
        public NodeDto? Target { get; set; }
        public bool Silent { get; set; }
        public bool Optimistic { get; set; }
    }

    public sealed class NodeDto
    {
        public string Uuid { get; set; } = "";
        public string Path { get; set; } = "";
        public NodeType Type { get; set; }
        public long Size { get; set; }
        public long MTime { get; set; }
        public int Mode { get; set; }
        public string Etag { get; set; } = "";
        public Dictionary<string, string> MetaStore { get; set; } = [];
    }
}
