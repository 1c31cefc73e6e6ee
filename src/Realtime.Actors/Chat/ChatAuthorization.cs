namespace Realtime.Actors.Chat;

/// <summary>Outcome of a JOIN/HISTORY check (PROTOCOL 6): allowed, read-only, or refused with a reason.</summary>
public sealed record ChatAuthorization(bool Allowed, bool ReadOnly, string? Refusal)
{
    public static readonly ChatAuthorization Member = new(true, false, null);

    public static readonly ChatAuthorization Reader = new(true, true, null);

    public static ChatAuthorization Refused(string reason) => new(false, true, reason);
}
