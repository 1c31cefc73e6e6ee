namespace Realtime.Messages.Protocol;

public enum ClientFrameKind
{
    /// <summary>Not a JSON object, or <c>@type</c> not a string: error frame and close 4000.</summary>
    Malformed,
    /// <summary>Unknown or missing <c>@type</c>: ignored for forward compatibility.</summary>
    Ignored,
    Subscribe,
    Unsubscribe,
    /// <summary>Any other typed frame; the chat socket interprets it.</summary>
    Other,
}
