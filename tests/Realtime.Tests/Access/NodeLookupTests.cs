using Realtime.Actors.Access;
using Realtime.Tests.Auth;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Access;

/// <summary>The node lookup against a real HTTP server on 127.0.0.1: answers, cache bound and TTL, failures not cached.</summary>
public sealed class NodeLookupTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly HttpClient _http = new();
    private NodeLookupServer _server = null!;

    public Task InitializeAsync()
    {
        _server = NodeLookupServer.Start();
        foreach (var name in new[] { "a", "b", "c" })
            _server.Add($"n-{name}", $"ds/team/{name}.txt");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private NodeLookup Lookup(int size = 100) =>
        new(_http, new NodeLookupSettings(new Uri(_server.Url), size, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)), _clock);

    [Fact]
    public async Task A_known_node_gives_its_internal_path_and_an_unknown_one_null_both_cached_until_the_ttl()
    {
        var lookup = Lookup();
        Assert.Equal("ds/team/a.txt", await lookup.PathOfAsync("n-a"));
        Assert.Null(await lookup.PathOfAsync("n-nowhere"));
        Assert.Equal("ds/team/a.txt", await lookup.PathOfAsync("n-a"));
        Assert.Null(await lookup.PathOfAsync("n-nowhere"));
        Assert.Equal((1, 1), (_server.RequestsFor("n-a"), _server.RequestsFor("n-nowhere")));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("ds/team/a.txt", await lookup.PathOfAsync("n-a"));
        Assert.Equal(2, _server.RequestsFor("n-a"));
    }

    [Fact]
    public async Task The_cache_keeps_at_most_its_size_and_lets_the_oldest_go()
    {
        var lookup = Lookup(size: 2);
        foreach (var uuid in new[] { "n-a", "n-b", "n-c", "n-c", "n-b" })
            await lookup.PathOfAsync(uuid);
        Assert.Equal((1, 1, 1), (_server.RequestsFor("n-a"), _server.RequestsFor("n-b"), _server.RequestsFor("n-c")));
        await lookup.PathOfAsync("n-a");
        Assert.Equal(2, _server.RequestsFor("n-a"));
    }

    [Fact]
    public async Task Concurrent_asks_share_one_request_and_a_failure_is_not_cached()
    {
        var lookup = Lookup();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => lookup.PathOfAsync("n-b")));
        Assert.All(answers, a => Assert.Equal("ds/team/b.txt", a));
        Assert.Equal(1, _server.RequestsFor("n-b"));

        _server.Break("n-broken");
        for (var i = 1; i <= 2; i++)
        {
            var failed = await Assert.ThrowsAsync<NodeLookupFailedException>(() => lookup.PathOfAsync("n-broken"));
            Assert.Contains("n-broken", failed.Message);
            Assert.Equal(i, _server.RequestsFor("n-broken"));
        }
        Assert.Null(await lookup.PathOfAsync(".."));
    }
}
