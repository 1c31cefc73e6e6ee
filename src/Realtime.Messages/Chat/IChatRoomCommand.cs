namespace Realtime.Messages.Chat;

/// <summary>A command addressed to one room; <see cref="EntityId"/> is what the shard extractor routes on.</summary>
public interface IChatRoomCommand : IChatSerializable
{
    string EntityId { get; }
}
