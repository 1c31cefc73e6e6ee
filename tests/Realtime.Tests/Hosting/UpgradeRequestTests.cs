using System.Buffers;
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
        UpgradeRequest.TryParse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text)), out var request);
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
    public void A_split_multi_segment_head_parses_like_a_contiguous_one()
    {
        var bytes = Encoding.ASCII.GetBytes(Request());
        var first = new Segment(bytes.AsMemory(0, 30));
        var last = first.Append(bytes.AsMemory(30));

        Assert.True(UpgradeRequest.TryParse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), out var request));
        Assert.Equal("/ws", request!.Path);
    }

    public static TheoryData<string, string> LeftToKestrel => new()
    {
        { "another method", Request("POST /ws HTTP/1.1") },
        { "HTTP/1.0", Request("GET /ws HTTP/1.0") },
        { "an escaped path", Request("GET /w%73 HTTP/1.1") },
        { "a dotted path", Request("GET /chat/../ws HTTP/1.1") },
        { "no Host", Request(without: "Host") },
        { "no key", Request(without: "Sec-WebSocket-Key") },
        { "a key that is not 16 bytes", Request(without: "Sec-WebSocket-Key", extra: "Sec-WebSocket-Key: c2hvcnQ=") },
        { "another version", Request(without: "Sec-WebSocket-Version", extra: "Sec-WebSocket-Version: 8") },
        { "no Upgrade token", Request(without: "Connection", extra: "Connection: keep-alive") },
        { "another protocol", Request(without: "Upgrade", extra: "Upgrade: h2c") },
        { "a repeated Upgrade", Request(extra: "Upgrade: websocket") },
        { "a repeated Origin", Request(extra: "Origin: https://evil.example.com") },
        { "a body", Request(extra: "Content-Length: 5") },
        { "a chunked body", Request(extra: "Transfer-Encoding: chunked") },
        { "a folded header", Request(extra: "X-Long: a\r\n  continued") },
        { "a non-ASCII value", Request(extra: "X-Name: caf\u00e9") },
        { "a header without a colon", Request(extra: "Broken header") },
        { "an incomplete head", Request()[..^2] },
    };

    [Theory]
    [MemberData(nameof(LeftToKestrel))]
    public void Anything_but_a_plain_upgrade_is_left_to_kestrel(string what, string text)
    {
        Assert.True(Parse(text) is null, what);
    }

    [Fact]
    public void A_head_longer_than_the_limit_is_left_to_kestrel()
    {
        var text = Request(extra: "X-Padding: " + new string('a', UpgradeRequest.MaxHeadBytes));

        Assert.Null(Parse(text));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
