namespace Realtime.Messages.Bus;

public sealed record AclAction(string Name, string Value);
