namespace Realtime.Messages.Bus;

/// <summary>A workspace root. <see cref="Key"/> names it in multi-root paths: MetaStore <c>name</c>, else the Uuid.</summary>
public sealed record RootNode(string Uuid, string Path, string Key);
