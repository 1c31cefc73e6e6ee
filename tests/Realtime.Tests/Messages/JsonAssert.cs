using System.Text.Json.Nodes;
using Xunit;
using Xunit.Sdk;

namespace Realtime.Tests.Messages;

/// <summary>Compares JSON documents by value: same keys, same values, no extra keys (escaping may differ).</summary>
public static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        if (!JsonNode.DeepEquals(e, a))
            throw new XunitException($"JSON differs.{Environment.NewLine}Expected: {e?.ToJsonString()}{Environment.NewLine}Actual:   {a?.ToJsonString()}");
    }

    public static void Equal(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        Assert.True(expected.Count == actual.Count,
            $"expected {expected.Count} frame(s), got {actual.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, actual)}");
        for (var i = 0; i < expected.Count; i++)
            Equal(expected[i], actual[i]);
    }
}
