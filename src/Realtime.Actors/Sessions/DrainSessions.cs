namespace Realtime.Actors.Sessions;

/// <summary>
/// Asks the <see cref="SessionsSupervisor"/> to close every session with 1012, <see cref="BatchSize"/> at a time
/// every <see cref="Interval"/>, so clients reconnect elsewhere without a thundering herd. Replied with
/// <see cref="SessionsDrained"/> once no session is left.
/// </summary>
public sealed record DrainSessions(int BatchSize, TimeSpan Interval);
