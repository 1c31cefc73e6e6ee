using Akka.Actor;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Realtime.Tests.Messages;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>PROTOCOL 4.3–4.5 through the TopicRouter: tasks, IDM rules 1–4, logout, re-evaluation, activities.</summary>
public sealed class TopicRouterOtherTopicsTests : RouterTestKit
{
    private static string Task(string owner) => $$$"""{"TaskUpdated":{"ID":"t1","Status":"Running","TriggerOwner":"{{{owner}}}"}}""";

    [Fact]
    public void Task_goes_to_every_session_of_the_trigger_owner()
    {
        StartRouter();
        var a1 = Session("alice");
        var a2 = Session("alice");
        var bob = Session("bob");
        var admin = Session("root", profile: "admin");
        Publish(BusTopic.Task, Task("alice"));
        var expected = """{"TaskUpdated":{"ID":"t1","Status":"Running","TriggerOwner":"alice"}}""";
        JsonAssert.Equal(expected, Assert.Single(a1.Events));
        JsonAssert.Equal(expected, Assert.Single(a2.Events));
        Assert.Empty(bob.Events);
        Assert.Empty(admin.Events);
    }

    [Fact]
    public void System_task_goes_to_admin_profile_sessions_only()
    {
        StartRouter();
        var alice = Session("alice");
        var admin1 = Session("root", profile: "admin");
        var admin2 = Session("ops", profile: "admin");
        var systemLogin = Session(TaskChangeEvent.SystemUser);
        Publish(BusTopic.Task, Task(TaskChangeEvent.SystemUser));
        Assert.Empty(alice.Events);
        Assert.Single(admin1.Events);
        Assert.Single(admin2.Events);
        Assert.Empty(systemLogin.Events);
    }

    [Fact]
    public void Task_with_an_unknown_owner_goes_nowhere()
    {
        StartRouter();
        var alice = Session("alice");
        Publish(BusTopic.Task, Task("nobody"));
        Publish(BusTopic.Task, """{"TaskUpdated":{"ID":"t1"}}""");
        Assert.Empty(alice.Events);
    }

    public static TheoryData<string, string, string[]> IdmRules => new()
    {
        // Sessions: alice (role-team, sub-alice), bob (role-other, sub-bob), carol (role-team + role-other, sub-carol).
        { "1: acl of a role", """{"Type":"UPDATE","Acl":{"RoleID":"role-other","NodeID":"n-x","Action":{"Name":"read","Value":"1"}},"User":{"Login":"alice"}}""", ["bob", "carol"] },
        { "1 skipped for parameter:, 2 applies", """{"Type":"UPDATE","Acl":{"RoleID":"role-other","NodeID":"n-x","Action":{"Name":"parameter:core:x","Value":"1"}},"Role":{"Uuid":"role-team"}}""", ["alice", "carol"] },
        { "1 skipped for action:, 3 applies", """{"Type":"UPDATE","Acl":{"RoleID":"role-other","NodeID":"n-x","Action":{"Name":"action:core:y","Value":"1"}},"User":{"Login":"alice"}}""", ["alice"] },
        { "1 skipped without RoleID, 3 applies", """{"Type":"UPDATE","Acl":{"NodeID":"n-x","Action":{"Name":"read","Value":"1"}},"User":{"Login":"bob"}}""", ["bob"] },
        { "2: role before user", """{"Type":"UPDATE","Role":{"Uuid":"role-other"},"User":{"Login":"alice"}}""", ["bob", "carol"] },
        { "2: unheld role", """{"Type":"UPDATE","Role":{"Uuid":"role-z"}}""", [] },
        { "3: user by login before workspace", """{"Type":"UPDATE","User":{"Login":"alice","Uuid":"sub-bob"},"Workspace":{"UUID":"ws-proj2"}}""", ["alice"] },
        { "3: user by uuid only", """{"Type":"UPDATE","User":{"Uuid":"sub-bob"}}""", ["bob"] },
        { "4: workspace", """{"Type":"UPDATE","Workspace":{"UUID":"ws-proj2","Label":"Renamed"}}""", ["bob", "carol"] },
        { "4: workspace nobody can access", """{"Type":"UPDATE","Workspace":{"UUID":"ws-unknown"}}""", [] },
        { "no rule", """{"Type":"UPDATE","Attributes":{"k":"v"}}""", [] },
    };

    [Theory]
    [MemberData(nameof(IdmRules))]
    public void Idm_recipients_follow_the_first_rule_that_applies(string because, string eventJson, string[] expected)
    {
        StartRouter();
        var sinks = new Dictionary<string, RecordingFrameSink>
        {
            ["alice"] = Session("alice", roles: ["role-team"]),
            ["bob"] = Session("bob", roles: ["role-other"]),
            ["carol"] = Session("carol", roles: ["role-team", "role-other"]),
        };
        Publish(BusTopic.Idm, eventJson);
        var got = sinks.Where(s => s.Value.Events.Count > 0).Select(s => s.Key).Order().ToArray();
        Assert.True(expected.SequenceEqual(got), $"{because}: got [{string.Join(", ", got)}]");
        foreach (var name in got)
            Assert.StartsWith("{\"@type\":\"idm\"", Assert.Single(sinks[name].Events), StringComparison.Ordinal);
    }

    [Fact]
    public void Idm_frame_carries_only_public_user_fields()
    {
        StartRouter();
        var alice = Session("alice");
        Publish(BusTopic.Idm, """
            {"Type":"UPDATE","User":{"Uuid":"sub-alice","Login":"alice","Password":"hunter2","OldPassword":"old",
             "Policies":[{"Subject":"user:alice","Action":"WRITE","Effect":"allow"}],"GroupPath":"/",
             "Attributes":{"displayName":"Alice","avatar":"a.png","email":"a@x","parameter:locale":"\"fr\""}}}
            """);
        var frame = Assert.Single(alice.Events);
        JsonAssert.Equal("""{"@type":"idm","Type":"UPDATE","User":{"Uuid":"sub-alice","Login":"alice","GroupPath":"/","Attributes":{"displayName":"Alice","avatar":"a.png"}}}""", frame);
        Assert.DoesNotContain("hunter2", frame, StringComparison.Ordinal);
        Assert.DoesNotContain("Polic", frame, StringComparison.Ordinal);
    }

    [Fact]
    public void Logout_closes_that_users_sockets_with_4001_after_the_frame()
    {
        StartRouter();
        var a1 = Session("alice");
        var a2 = Session("alice");
        var bob = Session("bob");
        Publish(BusTopic.Idm, """{"Type":"LOGOUT","User":{"Login":"alice"}}""");
        foreach (var sink in new[] { a1, a2 })
        {
            var entries = sink.Entries.SkipWhile(e => e.Frame?.Contains("\"subscribed\"", StringComparison.Ordinal) == true).ToArray();
            Assert.Equal(2, entries.Length);
            JsonAssert.Equal("""{"@type":"idm","Type":"LOGOUT","User":{"Login":"alice"}}""", entries[0].Frame!);
            Assert.Equal(4001, entries[1].CloseCode);
        }
        Assert.Empty(bob.Events);
        Assert.Empty(bob.Closes);
    }

    [Fact]
    public void Logout_by_user_uuid_closes_the_sessions_of_that_sub()
    {
        StartRouter();
        var alice = Session("alice", sub: "u-1");
        var other = Session("alice2", sub: "u-2");
        Publish(BusTopic.Idm, """{"Type":7,"User":{"Uuid":"u-1"}}""");
        Assert.Equal([4001], alice.Closes);
        Assert.Empty(other.Closes);
    }

    [Fact]
    public void Other_idm_types_do_not_close()
    {
        StartRouter();
        var alice = Session("alice");
        Publish(BusTopic.Idm, """{"Type":"DELETE","User":{"Login":"alice"}}""");
        Assert.Single(alice.Events);
        Assert.Empty(alice.Closes);
    }

    private const string ProjectEvent = """{"Target":{"Uuid":"x","Path":"ds/proj/x"}}""";

    [Fact]
    public void Removing_an_acl_re_evaluates_live_sessions_at_once()
    {
        StartRouter();
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, ProjectEvent);
        Assert.Single(alice.Events);

        Publish(BusTopic.Idm, """{"Type":"DELETE","Acl":{"ID":"1","RoleID":"role-team","NodeID":"n-proj","Action":{"Name":"read"}}}""");
        Publish(BusTopic.Idm, """{"Type":"DELETE","Acl":{"RoleID":"role-team","NodeID":"n-proj","Action":{"Name":"write"}}}""");
        alice.Clear();
        Publish(BusTopic.Tree, ProjectEvent);
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"y","Path":"ds/alpha/y"}}""");
        var frame = Assert.Single(alice.Events);
        Assert.Contains("multi/Alpha/y", frame, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_an_acl_re_evaluates_live_sessions_at_once()
    {
        StartRouter();
        var bob = Session("bob", roles: ["role-other"]);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Tree, ProjectEvent);
        Assert.Empty(bob.Events);

        Publish(BusTopic.Idm, """{"Type":"CREATE","Acl":{"ID":"new","RoleID":"role-other","WorkspaceID":"ws-proj","NodeID":"n-proj","Action":{"Name":"read","Value":"1"}}}""");
        Assert.Single(bob.Events); // the idm frame itself (rule 1)
        bob.Clear();
        alice.Clear();
        Publish(BusTopic.Tree, ProjectEvent);
        JsonAssert.Equal("""{"Target":{"Uuid":"x","Path":"projects/x","MetaStore":{"EventWorkspaceId":"\"ws-proj\""}}}""", Assert.Single(bob.Events));
        Assert.Single(alice.Events);
    }

    [Fact]
    public void A_deny_acl_added_by_idm_hides_the_sub_tree_at_once()
    {
        var directory = Access.TestDirectory.Standard();
        directory.IndexNode("n-docs", "ds/proj/docs");
        StartRouter(directory: directory);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Idm, """{"Type":"CREATE","Acl":{"ID":"d","RoleID":"role-team","WorkspaceID":"ws-proj","NodeID":"n-docs","Action":{"Name":"deny","Value":"1"}}}""");
        alice.Clear();
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/proj/docs/x"}}""");
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"y","Path":"ds/proj/doc/y"}}""");
        Assert.Contains("projects/doc/y", Assert.Single(alice.Events), StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_a_workspace_notifies_its_former_members_and_stops_its_events()
    {
        StartRouter();
        var bob = Session("bob", roles: ["role-other"]);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Idm, """{"Type":"DELETE","Workspace":{"UUID":"ws-proj2"}}""");
        JsonAssert.Equal("""{"@type":"idm","Type":"DELETE","Workspace":{"UUID":"ws-proj2"}}""", Assert.Single(bob.Events));
        Assert.Empty(alice.Events);
        bob.Clear();
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/project2/x"}}""");
        Assert.Empty(bob.Events);
    }

    [Fact]
    public void Creating_a_workspace_notifies_its_new_members_and_routes_its_events()
    {
        var directory = Access.TestDirectory.Standard();
        directory.Apply(new IdmChangeEvent(IdmEventType.CREATE, null, null, null, null, null,
            Access.TestDirectory.Acl("role-other", "n-new", "read", "ws-new", "n1"), null, null));
        StartRouter(directory: directory);
        var bob = Session("bob", roles: ["role-other"]);
        var alice = Session("alice", roles: ["role-team"]);
        Publish(BusTopic.Idm, """{"Type":"CREATE","Workspace":{"UUID":"ws-new","Slug":"fresh","RootNodes":{"n-new":{"Uuid":"n-new","Path":"ds/new"}}}}""");
        Assert.Single(bob.Events);
        Assert.Empty(alice.Events);
        bob.Clear();
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/new/x"}}""");
        JsonAssert.Equal("""{"Target":{"Uuid":"x","Path":"fresh/x","MetaStore":{"EventWorkspaceId":"\"ws-new\""}}}""", Assert.Single(bob.Events));
    }

    [Fact]
    public void Deleting_a_role_removes_its_acls_from_live_sessions()
    {
        StartRouter();
        var bob = Session("bob", roles: ["role-other"]);
        Publish(BusTopic.Idm, """{"Type":"DELETE","Role":{"Uuid":"role-other"}}""");
        Assert.Single(bob.Events);
        bob.Clear();
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/project2/x"}}""");
        Assert.Empty(bob.Events);
    }

    private static string Activity(string ownerType, string owner, string box, string actor) => $$$"""
        {"OwnerType":"{{{ownerType}}}","OwnerId":"{{{owner}}}","BoxName":"{{{box}}}",
         "Activity":{"type":"Update","actor":{"id":"{{{actor}}}","name":"Someone"},"object":{"type":"Document","name":"/projects/a/b.txt"},
                     "origin":{"name":"projects/a/"},"target":{"name":"c.txt"} } }
        """;

    [Theory]
    [InlineData("NODE", "inbox", "bob", true)]
    [InlineData("USER", "inbox", "bob", true)]
    [InlineData("USER", "outbox", "bob", true)]
    [InlineData("USER", "", "bob", true)]
    [InlineData("NODE", "outbox", "bob", false)]
    [InlineData("NODE", "Inbox", "bob", false)]
    [InlineData("USER", "inbox", "alice", false)]
    [InlineData("NODE", "inbox", "alice", false)]
    public void Activity_goes_to_the_owner_unless_they_are_the_actor(string ownerType, string box, string actor, bool delivered)
    {
        StartRouter();
        var alice = Session("alice");
        var bob = Session("bob");
        Publish(BusTopic.Activity, Activity(ownerType, "alice", box, actor));
        Assert.Empty(bob.Events);
        if (!delivered)
        {
            Assert.Empty(alice.Events);
            return;
        }
        var ownerTypeJson = ownerType == "USER" ? "\"OwnerType\":\"USER\"," : "";
        var boxJson = box.Length > 0 ? $"\"BoxName\":\"{box}\"," : "";
        JsonAssert.Equal(
            "{\"@type\":\"activity\"," + ownerTypeJson + "\"OwnerId\":\"alice\"," + boxJson + $$$"""
            "Activity":{"type":"Update","actor":{"id":"{{{actor}}}","name":"Someone"},"object":{"type":"Document","name":"b.txt"},"origin":{"name":"a"},"target":{"name":"c.txt"} } }
            """, Assert.Single(alice.Events));
    }

    [Fact]
    public void Unregistered_sessions_get_nothing()
    {
        StartRouter();
        var alice = Session("alice", "standard", ["role-team"], null, out var actor);
        Router.Tell(new UnregisterSession(actor));
        Publish(BusTopic.Task, Task("alice"));
        Publish(BusTopic.Tree, ProjectEvent);
        Assert.Empty(alice.Events);
    }

    [Fact]
    public void Re_registration_replaces_identity_and_access()
    {
        StartRouter();
        var sink = new RecordingFrameSink();
        var actor = CreateTestProbe().Ref;
        Router.Tell(new RegisterSession(actor, new Realtime.Actors.Auth.TokenClaims("s1", "alice", "standard", ["role-team"], DateTimeOffset.UtcNow.AddHours(1)), sink));
        ExpectMsg<SessionRegistered>();
        Router.Tell(new RegisterSession(actor, new Realtime.Actors.Auth.TokenClaims("s2", "bob", "standard", ["role-other"], DateTimeOffset.UtcNow.AddHours(1)), sink));
        Assert.Equal(["ws-proj2"], ExpectMsg<SessionRegistered>().Access.Workspaces.Keys);
        Publish(BusTopic.Tree, ProjectEvent);
        Publish(BusTopic.Task, Task("alice"));
        Assert.Empty(sink.Events);
        Publish(BusTopic.Task, Task("bob"));
        Publish(BusTopic.Tree, """{"Target":{"Uuid":"x","Path":"ds/project2/x"}}""");
        Assert.Equal(2, sink.Events.Count);
    }
}
