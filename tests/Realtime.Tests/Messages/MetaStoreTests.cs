using System.Text.Json;
using Realtime.Messages.Bus;
using Xunit;

namespace Realtime.Tests.Messages;

/// <summary>PROTOCOL 2: MetaStore is a map of string to a JSON-encoded string; every value parses as JSON.</summary>
public sealed class MetaStoreTests
{
    [Theory]
    [InlineData("\"\\\"a.txt\\\"\"", "\"a.txt\"")]
    [InlineData("\"12\"", "12")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"[1,2]\"", "[1,2]")]
    [InlineData("\"{\\\"a\\\":1}\"", "{\"a\":1}")]
    [InlineData("\"null\"", "null")]
    [InlineData("12", "12")]
    [InlineData("true", "true")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("[\"x\"]", "[\"x\"]")]
    [InlineData("\"a.txt\"", "\"a.txt\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"1 2\"", "\"1 2\"")]
    [InlineData("\"{broken\"", "\"{broken\"")]
    public void Every_metastore_value_is_json(string valueJson, string expected)
    {
        using var document = JsonDocument.Parse($$$"""{"Uuid":"u","MetaStore":{"k":{{{valueJson}}}}}""");
        var value = Node.Parse(document.RootElement).MetaStore["k"];
        Assert.Equal(expected, value);
        JsonDocument.Parse(value).Dispose();
    }
}
