namespace Realtime.Actors.Recovery;

/// <summary>
/// Tells the router an origin of the stream it reads from now on (this node's publisher, or the JetStream stream),
/// before any event of it: a position taken before the first event still names where it was taken, so a node that
/// never read that origin (a restarted one) answers <c>recovered:false</c> instead of replaying too little.
/// <see cref="FirstSequence"/> is the first of its events this node will read (a JetStream reader may start late).
/// </summary>
public sealed record StreamOrigin(string Origin, long FirstSequence = 1);
