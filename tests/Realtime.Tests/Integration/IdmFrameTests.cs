using System.Net;
using Realtime.Tests.Messages;

namespace Realtime.Tests.Integration;

/// <summary>PROTOCOL 4.4 end to end: idm frames that reach a browser carry no policies and no workspace root nodes.</summary>
[Collection("gateway")]
public sealed class IdmFrameTests
{
    [Fact]
    public async Task Idm_frames_delivered_to_a_socket_carry_no_Policies_or_RootNodes_at_any_depth()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var alice = await gateway.SubscribeAsync("alice", ["role-a"]);

        foreach (var idmEvent in Enumerable.Select<object[], string>(EventFramesTests.IdmEventsWithPolicies, row => (string)row[0]))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("idm", idmEvent)).StatusCode);
            var frame = await alice.ReceiveTextAsync() ?? throw new InvalidOperationException("socket closed");
            Assert.Contains("\"@type\":\"idm\"", frame, StringComparison.Ordinal);
            Assert.Empty(JsonScan.HiddenIdmProperties(frame));
        }
    }
}
