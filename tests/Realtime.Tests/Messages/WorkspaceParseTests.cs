using System.Text.Json;
using Realtime.Messages.Bus;
using Xunit;

namespace Realtime.Tests.Messages;

/// <summary>PROTOCOL 4.2: the key of a root in a multi-root path is its <c>MetaStore.name</c> JSON-decoded, else its Uuid.</summary>
public sealed class WorkspaceParseTests
{
    [Theory]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{"name":"\"Alpha\""}}""", "Alpha")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{"name":"\"My files\""}}""", "My files")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{"name":"\"caf\u00e9\""}}""", "caf\u00e9")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a"}""", "n-a")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{}}""", "n-a")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{"name":"\"\""}}""", "n-a")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{"other":"\"x\""}}""", "n-a")]
    [InlineData("""{"Uuid":"n-a","Path":"ds/a","MetaStore":{"name":"Alpha"}}""", "Alpha")]
    public void Root_key_is_the_decoded_name_else_the_uuid(string rootJson, string expectedKey)
    {
        using var document = JsonDocument.Parse($$$$"""{"UUID":"ws","Slug":"s","RootNodes":{"n-a":{{{{rootJson}}}}}}""");
        var root = Assert.Single(Workspace.Parse(document.RootElement).RootNodes);
        Assert.Equal(expectedKey, root.Key);
    }

    [Fact]
    public void Root_uuid_defaults_to_the_map_key_and_paths_lose_trailing_slashes()
    {
        using var document = JsonDocument.Parse("""{"UUID":"ws","Slug":"s","RootNodes":{"n-a":{"Path":"ds/a/"}}}""");
        Assert.Equal(new RootNode("n-a", "ds/a", "n-a"), Assert.Single(Workspace.Parse(document.RootElement).RootNodes));
    }
}
