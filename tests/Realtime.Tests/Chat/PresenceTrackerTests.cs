using Realtime.Actors.Chat;

namespace Realtime.Tests.Chat;

public sealed class PresenceTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_login_is_listed_while_any_of_its_sockets_is()
    {
        var presence = new PresenceTracker<string>();
        Assert.True(presence.Join("alice", "tab1", T0));
        Assert.False(presence.Join("alice", "tab2", T0));
        Assert.True(presence.Join("bob", "tab3", T0));
        Assert.Equal(["alice", "bob"], presence.Logins);

        Assert.False(presence.Remove("tab1"));
        Assert.Equal(["alice", "bob"], presence.Logins);
        Assert.True(presence.Remove("tab2"));
        Assert.Equal(["bob"], presence.Logins);
        Assert.False(presence.Remove("tab2"));
    }

    [Fact]
    public void A_heartbeat_refreshes_and_silence_expires()
    {
        var presence = new PresenceTracker<string>();
        presence.Join("alice", "a", T0);
        presence.Join("bob", "b", T0);
        Assert.False(presence.Join("alice", "a", T0.AddSeconds(15)));

        Assert.Equal(["b"], presence.Expire(T0.AddSeconds(20), TimeSpan.FromSeconds(20)));
        Assert.Equal(["alice"], presence.Logins);
        Assert.Empty(presence.Expire(T0.AddSeconds(30), TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void A_socket_that_changes_login_moves_over()
    {
        var presence = new PresenceTracker<string>();
        presence.Join("alice", "s", T0);
        Assert.True(presence.Join("bob", "s", T0));
        Assert.Equal(["bob"], presence.Logins);
        Assert.Single(presence.Sessions);
    }
}
