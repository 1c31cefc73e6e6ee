using Akka.Cluster.Sharding;
using Realtime.Messages.Chat;

namespace Realtime.Actors.Chat;

/// <summary>Routes <see cref="IChatRoomCommand"/>s by their entity id; the shard count must be the same on every node.</summary>
public sealed class ChatRoomMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    public override string? EntityId(object message) => (message as IChatRoomCommand)?.EntityId;
}
