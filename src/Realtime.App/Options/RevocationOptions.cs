namespace Realtime.App.Options;

/// <summary>Token revocation after an IDM LOGOUT (<c>Realtime:Revocation</c>, PROTOCOL 4.4).</summary>
public sealed class RevocationOptions
{
    /// <summary>How long a LOGOUT refuses the user's earlier tokens: at least the longest token lifetime issued.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Revoked users remembered per node; past it, the entry that would leave first goes.</summary>
    public int MaxEntries { get; set; } = 100_000;

    public IEnumerable<string> Validate()
    {
        if (Retention <= TimeSpan.Zero) yield return "Revocation:Retention must be positive";
        if (MaxEntries < 1) yield return "Revocation:MaxEntries must be at least 1";
    }
}
