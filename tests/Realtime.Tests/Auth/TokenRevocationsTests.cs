using Realtime.Actors.Auth;

namespace Realtime.Tests.Auth;

public sealed class TokenRevocationsTests
{
    private static readonly DateTimeOffset LogoutAt = new(2026, 1, 1, 12, 0, 0, 500, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(LogoutAt);

    private static TokenClaims Token(string login, DateTimeOffset? issued, TimeSpan lifetime, string? subject = null) =>
        new(subject ?? "sub-" + login, login, "standard", [], (issued ?? LogoutAt) + lifetime, issued);

    [Fact]
    public void Tokens_issued_up_to_the_logouts_second_are_revoked_later_ones_and_other_users_are_not()
    {
        var revocations = new TokenRevocations(TimeSpan.FromHours(1), 10, _clock);
        revocations.Revoke("alice", "");

        Assert.True(revocations.IsRevoked(Token("alice", LogoutAt.AddMinutes(-10), TimeSpan.FromHours(1))));
        Assert.True(revocations.IsRevoked(Token("alice", LogoutAt.AddMilliseconds(-500), TimeSpan.FromHours(1))));
        Assert.True(revocations.IsRevoked(Token("alice", null, TimeSpan.FromHours(1))));
        Assert.False(revocations.IsRevoked(Token("alice", LogoutAt.AddMilliseconds(500), TimeSpan.FromHours(1))));
        Assert.False(revocations.IsRevoked(Token("bob", LogoutAt.AddMinutes(-10), TimeSpan.FromHours(1))));
    }

    [Fact]
    public void A_logout_naming_only_the_user_uuid_revokes_by_subject()
    {
        var revocations = new TokenRevocations(TimeSpan.FromHours(1), 10, _clock);
        revocations.Revoke("", "u-42");
        Assert.True(revocations.IsRevoked(Token("whoever", LogoutAt.AddMinutes(-1), TimeSpan.FromHours(1), subject: "u-42")));
        Assert.False(revocations.IsRevoked(Token("whoever", LogoutAt.AddMinutes(-1), TimeSpan.FromHours(1), subject: "u-43")));
    }

    [Fact]
    public void An_entry_leaves_after_the_retention_or_when_the_longest_covered_token_seen_expires()
    {
        var revocations = new TokenRevocations(TimeSpan.FromHours(1), 10, _clock);
        revocations.Revoke("alice", "sub-alice");
        revocations.Revoke("bob", "");
        var longLived = Token("alice", LogoutAt.AddMinutes(-1), TimeSpan.FromHours(3));
        Assert.True(revocations.IsRevoked(longLived));
        Assert.Equal(3, revocations.Count);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, revocations.Count); // bob's entry left; alice's (login and sub) stays for her 3 h token
        Assert.True(revocations.IsRevoked(longLived));

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, revocations.Count);
        Assert.False(revocations.IsRevoked(Token("alice", LogoutAt.AddMinutes(-1), TimeSpan.FromHours(4))));
    }

    [Fact]
    public void At_the_bound_the_entry_that_would_leave_first_goes()
    {
        var revocations = new TokenRevocations(TimeSpan.FromHours(1), 2, _clock);
        revocations.Revoke("first", "");
        _clock.Advance(TimeSpan.FromSeconds(1));
        revocations.Revoke("second", "");
        _clock.Advance(TimeSpan.FromSeconds(1));
        revocations.Revoke("third", "");

        Assert.Equal(2, revocations.Count);
        Assert.False(revocations.IsRevoked(Token("first", LogoutAt, TimeSpan.FromHours(1))));
        Assert.True(revocations.IsRevoked(Token("second", LogoutAt, TimeSpan.FromHours(1))));
        Assert.True(revocations.IsRevoked(Token("third", LogoutAt, TimeSpan.FromHours(1))));
    }
}
