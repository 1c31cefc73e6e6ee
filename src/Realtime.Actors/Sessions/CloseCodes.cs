namespace Realtime.Actors.Sessions;

/// <summary>Close codes of PROTOCOL 3.4.</summary>
public static class CloseCodes
{
    public const int Normal = 1000;
    public const int FrameTooBig = 1009;
    public const int InternalError = 1011;
    public const int ServiceRestart = 1012;
    public const int Malformed = 4000;
    public const int InvalidToken = 4001;
    public const int TokenExpired = 4002;
    public const int AuthTimeout = 4003;
    public const int SlowConsumer = 4008;
    public const int TooManyRequests = 4029;
}
