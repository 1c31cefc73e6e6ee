using System.Text.Json.Nodes;
using Realtime.Actors.Routing;
using Realtime.Tests.Messages;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>PROTOCOL 4.2 silent cap and UPDATE_USER_META policies; PROTOCOL 4.5 base names.</summary>
public sealed class SmallRulesTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Silent_events_are_capped_per_node_per_second()
    {
        var limiter = new SilentEventLimiter(3);
        var allowed = Enumerable.Range(0, 5).Select(i => limiter.Allow("a", T0.AddMilliseconds(i * 100))).ToArray();
        Assert.Equal([true, true, true, false, false], allowed);
        Assert.True(limiter.Allow("b", T0.AddMilliseconds(600)));
        Assert.True(limiter.Allow("a", T0.AddSeconds(1)));
        limiter.Sweep(T0.AddSeconds(5));
        Assert.True(limiter.Allow("a", T0.AddSeconds(5)));
    }

    private static Dictionary<string, string> Meta(string policiesJson) => new() { [UserMetaPolicy.MetaKey] = policiesJson };

    private static string P(string subject, string effect, string action = "READ") =>
        $$$"""{"Subject":"{{{subject}}}","Action":"{{{action}}}","Effect":"{{{effect}}}"}""";

    public static TheoryData<string, string, bool> Policies => new()
    {
        { "everyone", $"[{P("*", "allow")}]", true },
        { "this user", $"[{P("user:alice", "allow")}]", true },
        { "another user", $"[{P("user:bob", "allow")}]", false },
        { "this profile", $"[{P("profile:standard", "allow")}]", true },
        { "another profile", $"[{P("profile:admin", "allow")}]", false },
        { "one of the roles", $"[{P("role:role-b", "allow")}]", true },
        { "a role not held", $"[{P("role:role-z", "allow")}]", false },
        { "deny wins over allow", $"[{P("*", "allow")},{P("user:alice", "deny")}]", false },
        { "deny of a role wins", $"[{P("user:alice", "allow")},{P("role:role-a", "deny")}]", false },
        { "deny of everyone", $"[{P("user:alice", "allow")},{P("*", "deny")}]", false },
        { "deny of others does not matter", $"[{P("*", "allow")},{P("user:bob", "deny")}]", true },
        { "WRITE does not grant READ", $"[{P("*", "allow", "WRITE")}]", false },
        { "action case-insensitive", $"[{P("*", "allow", "read")}]", true },
        { "empty list", "[]", false },
        { "not JSON", "nope", false },
        { "not an array", "{}", false },
        { "JSON-encoded string holding the array", System.Text.Json.JsonSerializer.Serialize($"[{P("*", "allow")}]"), true },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void User_meta_policy_grants_read_to_a_subject_and_deny_wins(string because, string policies, bool granted)
    {
        var subjects = UserMetaPolicy.SubjectsOf("alice", "standard", ["role-a", "role-b"]).ToArray();
        Assert.True(granted == UserMetaPolicy.Parse(Meta(policies)).Grants(subjects), because);
    }

    [Fact]
    public void Missing_policies_grant_nothing()
    {
        var subjects = UserMetaPolicy.SubjectsOf("alice", "standard", []).ToArray();
        Assert.False(UserMetaPolicy.Parse(null).Grants(subjects));
        Assert.False(UserMetaPolicy.Parse(new Dictionary<string, string>()).Grants(subjects));
    }

    [Fact]
    public void Subjects_are_everyone_user_profile_and_roles()
    {
        Assert.Equal(["*", "user:alice", "profile:admin", "role:r1", "role:r2"], UserMetaPolicy.SubjectsOf("alice", "admin", ["r1", "r2"]));
    }

    [Theory]
    [InlineData("""{"object":{"name":"ds/proj/a/b.txt"},"origin":{"name":"/projects/a/"},"target":{"name":"c.txt"},"actor":{"name":"Alice Doe"}}""",
                """{"object":{"name":"b.txt"},"origin":{"name":"a"},"target":{"name":"c.txt"},"actor":{"name":"Alice Doe"}}""")]
    [InlineData("""{"object":{"name":"x/y","id":"u"},"summary":"a/b"}""", """{"object":{"name":"y","id":"u"},"summary":"a/b"}""")]
    [InlineData("""{"object":{"type":"Document"}}""", """{"object":{"type":"Document"}}""")]
    [InlineData("""{"object":{"name":5}}""", """{"object":{"name":5}}""")]
    public void Activity_names_are_cut_to_base_names(string activity, string expected)
    {
        var original = (JsonObject)JsonNode.Parse(activity)!;
        JsonAssert.Equal(expected, ActivityTrimmer.Trim(original).ToJsonString());
        JsonAssert.Equal(activity, original.ToJsonString());
    }
}
