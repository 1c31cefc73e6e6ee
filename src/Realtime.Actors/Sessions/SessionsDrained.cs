namespace Realtime.Actors.Sessions;

public sealed class SessionsDrained
{
    public static readonly SessionsDrained Instance = new();
}
