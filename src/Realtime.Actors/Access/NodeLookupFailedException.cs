namespace Realtime.Actors.Access;

/// <summary>The node lookup gave no usable answer (down, slow, or not a Node); the message names the node and is shown to the client.</summary>
public sealed class NodeLookupFailedException(string message, Exception? inner = null) : Exception(message, inner);
