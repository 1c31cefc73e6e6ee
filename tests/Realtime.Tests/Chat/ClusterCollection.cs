namespace Realtime.Tests.Chat;

/// <summary>Tests that start cluster nodes run one at a time (2 cores; node start and restart cost seconds).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
