using System.Net;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>HTTP ingestion (PROTOCOL 5): keys, topics, batches, all-or-nothing validation, status codes.</summary>
[Collection("gateway")]
public sealed class IngestTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Ingest:MaxIngestBytes"] = "4096",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_batch_is_accepted_and_counted()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);
        var batch = $"[{SampleDirectory.CreateIn("ds/a", "one", "n-1")},{SampleDirectory.CreateIn("ds/a", "two", "n-2")}]";

        var response = await _gateway.IngestAsync("topic.pydio.tree.nodes.changes", batch);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal("alpha/one", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal("alpha/two", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("42")]
    [InlineData("""[{"Type":"CREATE","Target":{"Uuid":"n-ok","Path":"ds/a/ok"}}, {"Type":"NOPE","Target":{"Uuid":"n","Path":"ds/a/x"}}]""")]
    [InlineData("""[{"Type":"CREATE","Target":{"Uuid":"n-ok","Path":"ds/a/ok"}}, {"Type":"CREATE"}]""")]
    [InlineData("""[{"Type":"CREATE","Target":{"Uuid":"n-ok","Path":"ds/a/ok"}}, 7]""")]
    public async Task A_bad_body_is_400_problem_json_and_applies_nothing(string body)
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);

        var response = await _gateway.IngestAsync("tree", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));

        // Nothing of the batch was applied: the next frame alice sees is the marker.
        Assert.Equal(HttpStatusCode.Accepted, (await _gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "marker", "n-m"))).StatusCode);
        Assert.Equal("alpha/marker", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task An_empty_batch_is_accepted_as_zero_events()
    {
        var response = await _gateway.IngestAsync("tree", "[]");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task The_bad_element_of_a_batch_is_named()
    {
        var response = await _gateway.IngestAsync("tree", """[{"Type":"CREATE","Target":{"Uuid":"n","Path":"ds/a/x"}}, {"Type":"CREATE"}]""");
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("element 1", detail);
    }

    [Fact]
    public async Task Keys_topics_and_size_get_their_status_codes()
    {
        var body = SampleDirectory.CreateIn("ds/a", "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.IngestAsync("tree", body, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.IngestAsync("tree", body, key: "wrong-key-wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _gateway.IngestAsync("nope", body)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _gateway.IngestAsync("tree", new string(' ', 5000) + body)).StatusCode);
    }
}
