namespace Realtime.Tests.Integration;

/// <summary>Gateway tests start whole hosts (cluster node, Kestrel): one at a time on 2 cores.</summary>
[CollectionDefinition("gateway", DisableParallelization = true)]
public sealed class GatewayCollection;
