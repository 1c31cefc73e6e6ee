using System.Text;
using Realtime.App.Endpoints;

namespace Realtime.Tests.Hosting;

/// <summary>What the connection-level upgrade takes itself, and what it leaves to Kestrel's HTTP stack.</summary>
public sealed class UpgradeRequestTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private static string Request(string requestLine = "GET /ws HTTP/1.1", string? extra = null, string? without = null)
    {
        var headers = new List<string>
        {
            "Host: gw.example.com",
            "Upgrade: websocket",
            "Connection: Upgrade",
            $"Sec-WebSocket-Key: {Key}",
            "Sec-WebSocket-Version: 13",
            "Origin: https://app.example.com",
        };
        headers.RemoveAll(h => without is not null && h.StartsWith(without + ":", StringComparison.Ordinal));
        if (extra is not null)
            headers.Add(extra);
        return requestLine + "\r\n" + string.Join("\r\n", headers) + "\r\n\r\n";
    }

    private static UpgradeRequest? Parse(string text)
    {
        UpgradeRequest.TryParse(Encoding.Latin1.GetBytes(text), out var request);
        return request;
    }

    [Fact]
    public void A_browser_upgrade_parses_with_its_path_origin_key_and_head_length()
    {
        var text = Request("GET /ws?client=demo HTTP/1.1");

        var request = Parse(text + "\x81\x85trailing frame bytes");

        Assert.NotNull(request);
        Assert.Equal("/ws", request.Path);
        Assert.Equal("https://app.example.com", request.Origin);
        Assert.Equal(Key, request.Key);
        Assert.Equal(text.Length, request.HeadLength);
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_token_lists_are_searched()
    {
        var text = "GET /chat HTTP/1.1\r\nhost: x\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, Upgrade\r\n" +
                   $"sec-websocket-key:{Key}\r\nsec-websocket-version: 13\r\nUser-Agent: test\r\n\r\n";

        var request = Parse(text);

        Assert.NotNull(request);
        Assert.Equal("/chat", request.Path);
        Assert.Equal("", request.Origin);
    }

    [Fact]
    public void A_head_longer_than_the_limit_is_left_to_kestrel()
    {
        var text = Request(extra: "X-Padding: " + new string('a', UpgradeRequest.MaxHeadBytes));

        Assert.Null(Parse(text));
    }
}
