namespace Realtime.Messages.Chat;

/// <summary>More was missed than a catch-up sends: HISTORY continues at <see cref="Offset"/> (a MAY_HAVE_MORE frame).</summary>
public sealed record CatchUpTruncated(int Offset, int Limit, long OldestTimestamp);
