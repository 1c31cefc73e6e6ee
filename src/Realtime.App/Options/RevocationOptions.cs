using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>Token revocation after an IDM LOGOUT (<c>Realtime:Revocation</c>, PROTOCOL 4.4).</summary>
public sealed class RevocationOptions
{
    /// <summary>How long a LOGOUT refuses the user's earlier tokens: at least the longest token lifetime issued.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Revoked users remembered per node; past it, the entry that would leave first goes.</summary>
    public int MaxEntries { get; set; } = 100_000;

    public IEnumerable<string> Validate() => new OptionRules("Realtime:Revocation")
        .Positive(nameof(Retention), Retention)
        .AtLeast(nameof(MaxEntries), MaxEntries, 1)
        .Errors;
}
