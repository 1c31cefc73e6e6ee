using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Protocol;

/// <summary>A parsed client text frame (PROTOCOL 3.1). <see cref="Root"/> is kept for the chat socket.</summary>
public sealed record ClientFrame(ClientFrameKind Kind, string Type, string Jwt, JsonElement Root, string? Problem)
{
    /// <summary>The protocol version a subscribe asks for (<c>"v":2</c> opts in to PROTOCOL 7); 1 otherwise.</summary>
    public int Version => Root.ValueKind == JsonValueKind.Object && Root.TryGet("v", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 2 ? 2 : 1;

    /// <summary>The cursor a v2 subscribe asks to recover from, when it carries one.</summary>
    public string? Recover => Root.ValueKind == JsonValueKind.Object && Root.TryGet("recover", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;

    public static ClientFrame Parse(ReadOnlySpan<byte> utf8)
    {
        JsonElement root;
        using (var document = LenientJson.TryParse(utf8, out var problem))
        {
            if (document is null)
                return Malformed($"frame is {problem}");
            root = document.RootElement.Clone();
        }
        if (root.ValueKind != JsonValueKind.Object)
            return Malformed("frame is not a JSON object");
        if (!root.TryGet("@type", out var type))
            return new ClientFrame(ClientFrameKind.Ignored, "", "", root, null);
        if (type.ValueKind != JsonValueKind.String)
            return Malformed("@type must be a string");
        var name = type.GetString() ?? "";
        var kind = name switch
        {
            "subscribe" => ClientFrameKind.Subscribe,
            "unsubscribe" => ClientFrameKind.Unsubscribe,
            _ => ClientFrameKind.Other,
        };
        var jwt = root.TryGet("jwt", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() ?? "" : "";
        return new ClientFrame(kind, name, jwt, root, null);
    }

    private static ClientFrame Malformed(string problem) => new(ClientFrameKind.Malformed, "", "", default, problem);
}
