using Realtime.Actors.Routing;

namespace Realtime.Tests.Routing;

/// <summary>A key goes from no session to one (held directly), to a set, and back, without losing or repeating any.</summary>
public sealed class SessionIndexTests
{
    private sealed class Session(string name)
    {
        public override string ToString() => name;
    }

    private sealed record Watch(string Login);

    [Fact]
    public void A_key_holds_one_then_many_sessions_and_gives_them_back_one_by_one()
    {
        var index = new SessionIndex<Session>();
        var (a, b, c) = (new Session("a"), new Session("b"), new Session("c"));

        index.Add("k", a);
        Assert.Equal([a], index["k"]);
        index.Add("k", b);
        index.Add("k", c);
        index.Add("k", b);
        Assert.Equal(3, index["k"].Count);
        Assert.Equal(new HashSet<Session> { a, b, c }, index["k"].ToHashSet());

        index.Remove("k", b);
        index.Remove("k", a);
        Assert.Equal([c], index["k"]);
        index.Remove("k", a);
        Assert.Equal([c], index["k"]);
        index.Remove("k", c);

        Assert.Empty(index["k"]);
        Assert.True(index.IsEmpty);
    }

    [Fact]
    public void Adding_the_same_session_twice_keeps_one_and_one_removal_empties_the_key()
    {
        var index = new SessionIndex<Session>();
        var a = new Session("a");

        index.Add("k", a);
        index.Add("k", a);
        Assert.Single(index["k"]);

        index.Remove("k", a);
        Assert.True(index.IsEmpty);
    }

    [Fact]
    public void Equal_records_count_as_the_same_member_as_a_set_would_count_them()
    {
        var index = new SessionIndex<Watch>();

        index.Add("alice", new Watch("alice"));
        index.Add("alice", new Watch("alice"));
        Assert.Single(index["alice"]);

        index.Remove("alice", new Watch("alice"));
        Assert.Empty(index["alice"]);
        Assert.Empty(index.Keys);
    }

    [Fact]
    public void Keys_are_independent_and_an_unknown_key_has_no_members()
    {
        var index = new SessionIndex<Session>();
        var (a, b) = (new Session("a"), new Session("b"));
        index.Add("x", a);
        index.Add("y", a);
        index.Add("y", b);

        index.Remove("y", a);

        Assert.Equal([a], index["x"]);
        Assert.Equal([b], index["y"]);
        Assert.Empty(index["z"]);
        Assert.Equal(["x", "y"], index.Keys.Order());
    }
}
