namespace Realtime.Actors.Sessions;

/// <summary>Tells one session to close with 1012 (service restart): its client should reconnect to another node.</summary>
public sealed class DrainSession
{
    public static readonly DrainSession Instance = new();
}
