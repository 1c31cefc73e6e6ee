using System.Buffers;
using System.Text;

namespace Realtime.App.Endpoints;

/// <summary>
/// The head of a plain HTTP/1.1 WebSocket upgrade request (RFC 6455 4.1), read from a connection's first bytes by
/// <see cref="ConnectionUpgrade"/>. Only the common, unambiguous shape parses: anything else (another method or
/// version, a body, a folded or non-ASCII header, a repeated upgrade header, an incomplete head) is left to
/// Kestrel's HTTP stack, which answers it as it always did.
/// </summary>
public sealed record UpgradeRequest(string Path, string Origin, string Key, int HeadLength)
{
    /// <summary>A head longer than this goes to Kestrel (browsers send about 500 bytes).</summary>
    public const int MaxHeadBytes = 8 * 1024;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> RequestLineStart => "GET "u8;
    private static ReadOnlySpan<byte> RequestLineEnd => " HTTP/1.1"u8;

    public static bool TryParse(ReadOnlySpan<byte> received, out UpgradeRequest? request)
    {
        request = null;
        if (received.Length > MaxHeadBytes)
            received = received[..MaxHeadBytes];
        var headLength = received.IndexOf(HeadEnd);
        if (headLength < 0)
            return false;
        var head = received[..(headLength + Crlf.Length)];

        var lineEnd = head.IndexOf(Crlf);
        if (!TryParseRequestLine(head[..lineEnd], out var path))
            return false;

        var headers = new UpgradeHeaders();
        var rest = head[(lineEnd + Crlf.Length)..];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf(Crlf);
            if (!headers.TryAdd(rest[..lineEnd]))
                return false;
            rest = rest[(lineEnd + Crlf.Length)..];
        }
        if (!headers.IsPlainUpgrade)
            return false;
        request = new UpgradeRequest(path, headers.Origin ?? "", headers.Key!, headLength + HeadEnd.Length);
        return true;
    }

    private static bool TryParseRequestLine(ReadOnlySpan<byte> line, out string path)
    {
        path = "";
        if (!line.StartsWith(RequestLineStart) || !line.EndsWith(RequestLineEnd))
            return false;
        var target = line[RequestLineStart.Length..^RequestLineEnd.Length];
        var query = target.IndexOf((byte)'?');
        var pathBytes = query < 0 ? target : target[..query];
        if (pathBytes.IsEmpty || pathBytes[0] != '/' || pathBytes.ContainsAnyExcept(PathBytes))
            return false;
        if (query >= 0 && target[query..].ContainsAnyExcept(VisibleAscii))
            return false;
        path = Encoding.ASCII.GetString(pathBytes);
        return true;
    }

    // Paths with escapes or dots are normalised by Kestrel; only plain ones are matched here.
    private static readonly SearchValues<byte> PathBytes =
        SearchValues.Create("/-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"u8);

    private static readonly SearchValues<byte> VisibleAscii = SearchValues.Create(Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(b => (byte)b).ToArray());

    /// <summary>The headers an upgrade needs, each at most once.</summary>
    private ref struct UpgradeHeaders
    {
        private bool _host;
        private bool _upgrade;
        private bool _connection;
        private bool _version;

        public string? Key { get; private set; }
        public string? Origin { get; private set; }

        public readonly bool IsPlainUpgrade => _host && _upgrade && _connection && _version && Key is not null;

        private static readonly SearchValues<byte> TokenBytes =
            SearchValues.Create("!#$%&'*+-.^_`|~abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"u8);

        private static readonly SearchValues<byte> ValueBytes = SearchValues.Create(Enumerable.Range(0x20, 0x7E - 0x20 + 1).Append(0x09).Select(b => (byte)b).ToArray());

        public bool TryAdd(ReadOnlySpan<byte> line)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
                return false;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (name.ContainsAnyExcept(TokenBytes) || value.ContainsAnyExcept(ValueBytes))
                return false;
            if (Is(name, "host"))
                return Once(ref _host, true);
            if (Is(name, "upgrade"))
                return Once(ref _upgrade, HasToken(value, "websocket"));
            if (Is(name, "connection"))
                return Once(ref _connection, HasToken(value, "upgrade"));
            if (Is(name, "sec-websocket-version"))
                return Once(ref _version, value.SequenceEqual("13"u8));
            if (Is(name, "sec-websocket-key"))
            {
                if (Key is not null)
                    return false;
                Key = Encoding.ASCII.GetString(value);
                return WebSocketHandshake.IsValidKey(Key);
            }
            if (Is(name, "origin"))
            {
                if (Origin is not null)
                    return false;
                Origin = Encoding.ASCII.GetString(value);
                return true;
            }
            // A body on an upgrade is not something a browser sends: Kestrel decides what it means.
            return !Is(name, "content-length") && !Is(name, "transfer-encoding");
        }

        private static bool Once(ref bool seen, bool valid)
        {
            if (seen || !valid)
                return false;
            seen = true;
            return true;
        }

        private static bool Is(ReadOnlySpan<byte> name, string expected) => Ascii.EqualsIgnoreCase(name, expected);

        /// <summary>True when the comma-separated list holds the token (case-insensitive).</summary>
        private static bool HasToken(ReadOnlySpan<byte> list, string token)
        {
            foreach (var range in list.Split((byte)','))
            {
                if (Ascii.EqualsIgnoreCase(list[range].Trim(" \t"u8), token))
                    return true;
            }
            return false;
        }
    }
}
