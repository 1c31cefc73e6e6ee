using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Realtime.Actors.Sessions;

namespace Realtime.App.Endpoints;

/// <summary>
/// The HTTP/1.1 WebSocket upgrade (RFC 6455 4.2), done here instead of by <c>AcceptWebSocketAsync</c> so the socket
/// keeps its connection stream: the frame writer puts every waiting frame on it in one write.
/// </summary>
public static class WebSocketHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>True for a well-formed HTTP/1.1 upgrade request that Kestrel can upgrade.</summary>
    public static bool CanUpgrade(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest &&
        context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } &&
        context.Request.Headers.SecWebSocketKey.ToString() is { Length: > 0 } key && IsValidKey(key);

    public static async Task<(WebSocket Socket, SocketOutput Output)> UpgradeAsync(HttpContext context)
    {
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        var headers = context.Response.Headers;
        headers.Connection = "Upgrade";
        headers.Upgrade = "websocket";
        headers.SecWebSocketAccept = AcceptFor(key);
        var connection = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
        // Disposing the upgraded request stream does not end a read waiting on it: aborting does.
        return Open(connection, context.Abort);
    }

    /// <summary>
    /// The server side of a WebSocket on an upgraded connection; frames are written through its <see cref="SocketOutput"/>.
    /// No keep-alive of its own (a timer per socket): the node's <see cref="OutboundQueueMonitor"/> pings and drops silent peers.
    /// </summary>
    public static (WebSocket Socket, SocketOutput Output) Open(Stream connection, Action? abortConnection = null)
    {
        var output = new SocketOutput(connection, abortConnection);
        var socket = WebSocket.CreateFromStream(output, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = TimeSpan.Zero,
        });
        return (socket, output);
    }

    /// <summary>The 101 answer to an upgrade request whose key is given (RFC 6455 4.2.2).</summary>
    public static byte[] SwitchingProtocolsResponse(string key) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + AcceptFor(key) + "\r\n\r\n");

    public static string AcceptFor(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + AcceptGuid)));

    /// <summary>A key is the base64 of 16 bytes (RFC 6455 4.1).</summary>
    public static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return Convert.TryFromBase64String(key.Trim(), decoded, out var length) && length == 16;
    }
}
