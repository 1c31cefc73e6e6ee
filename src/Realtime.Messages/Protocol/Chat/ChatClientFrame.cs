using Realtime.Messages.Chat;

namespace Realtime.Messages.Protocol.Chat;

/// <summary>A parsed client frame of the chat socket (PROTOCOL 6); <see cref="WsType"/> is empty when the frame had none.</summary>
public sealed record ChatClientFrame(string WsType, ChatRoom? Room, ChatMessage? Message)
{
    /// <summary>A JOIN whose message text is PING refreshes presence only.</summary>
    public bool IsHeartbeat => WsType == ChatFrameCodec.Join && Message?.Message == "PING";
}
