using Realtime.Actors.Auth;
using Realtime.Messages.Chat;
using Realtime.Messages.Identity;

namespace Realtime.Tests.Messages;

public sealed class NameBasedUuidTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void Matches_the_RFC_vector()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedUuid.V5(DnsNamespace, "www.example.com"));
    }

    [Fact]
    public void Is_version_5_of_the_RFC_variant_and_depends_on_the_namespace()
    {
        var uuid = NameBasedUuid.V5(DnsNamespace, "zoë").ToString();
        Assert.Equal('5', uuid[14]);
        Assert.Contains(uuid[19], "89ab");
        Assert.NotEqual(NameBasedUuid.V5(Guid.NewGuid(), "zoë").ToString(), uuid);
    }

    [Theory]
    // In the journal fixture (chat-journal-v1.expected.json) and in clients' stored room references: frozen.
    [InlineData(ChatRoomType.NODE, "fixture-node", "84ef37de-2a59-51a5-8155-1567d7ad5538")]
    [InlineData(ChatRoomType.WORKSPACE, "ws-fixture", "0fe7fbc1-5c29-5592-ba3b-a01b70f53923")]
    [InlineData(ChatRoomType.USER, "bob, Ünïcode ✓", "b60e075a-faae-5bc8-a531-d85918eaa573")]
    public void Room_uuids_are_unchanged(ChatRoomType type, string roomTypeObject, string expected)
    {
        Assert.Equal(expected, RoomIdentity.RoomUuid(type, roomTypeObject));
    }

    [Fact]
    public void Dev_token_subjects_are_unchanged()
    {
        Assert.Equal("8a975f3e-8b0e-5cde-b799-2b392ad8c88e", DevTokenIssuer.SubjectFor("alice"));
        Assert.Equal("f032b811-56f2-5aeb-880d-5eb9229c6945", DevTokenIssuer.SubjectFor("zoë"));
    }
}
