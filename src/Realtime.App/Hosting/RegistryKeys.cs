namespace Realtime.App.Hosting;

/// <summary>ActorRegistry keys for the per-node actors.</summary>
public static class RegistryKeys
{
    public sealed class Router;

    public sealed class Sessions;
}
