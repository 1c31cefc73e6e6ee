using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>A v2 subscribe (PROTOCOL 7.1), optionally resuming after a cursor.</summary>
public static class RecoveryClient
{
    public static async Task<(TestSocket Socket, JsonElement Subscribed)> SubscribeAsync(TestGateway gateway, string login, string[] roles, string? recover = null)
    {
        var socket = await gateway.ConnectAsync();
        var frame = new Dictionary<string, object> { ["@type"] = "subscribe", ["jwt"] = gateway.Token(login, roles), ["v"] = 2 };
        if (recover is not null)
            frame["recover"] = recover;
        await socket.SendAsync(JsonSerializer.Serialize(frame));
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("subscribed", ack.GetProperty("@type").GetString());
        return (socket, ack);
    }
}
