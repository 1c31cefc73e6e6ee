using System.Globalization;

namespace Realtime.Messages.Settings;

/// <summary>
/// Start-up checks of one settings section, worded the same everywhere: each error names the full setting
/// (<c>Realtime:Chat:MaxBatch</c>, as in appsettings.json; <c>Realtime__Chat__MaxBatch</c> in the environment) and
/// the value it got. Collects every error, so one start-up lists them all.
/// </summary>
public sealed class OptionRules(string section)
{
    private readonly List<string> _errors = [];

    /// <summary>Every broken rule, one readable line each; empty when the settings are usable.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The full name of a setting of this section.</summary>
    public string Name(string setting) => $"{section}:{setting}";

    public OptionRules AtLeast(string setting, long value, long minimum) =>
        Check(value >= minimum, $"{Name(setting)} must be at least {minimum}, got {value}");

    /// <summary>An unset value (null) takes its default elsewhere and passes.</summary>
    public OptionRules AtLeast(string setting, long? value, long minimum) =>
        value is { } set ? AtLeast(setting, set, minimum) : this;

    public OptionRules NotNegative(string setting, long value) =>
        Check(value >= 0, $"{Name(setting)} must not be negative, got {value}");

    public OptionRules Between(string setting, long value, long minimum, long maximum) =>
        Check(value >= minimum && value <= maximum, $"{Name(setting)} must be {minimum}..{maximum}, got {value}");

    public OptionRules Positive(string setting, TimeSpan value) =>
        Check(value > TimeSpan.Zero, $"{Name(setting)} must be positive, got {Describe(value)}");

    public OptionRules NotNegative(string setting, TimeSpan value) =>
        Check(value >= TimeSpan.Zero, $"{Name(setting)} must not be negative, got {Describe(value)}");

    public OptionRules AtLeast(string setting, TimeSpan value, TimeSpan minimum) =>
        Check(value >= minimum, $"{Name(setting)} must be at least {Describe(minimum)}, got {Describe(value)}");

    public OptionRules Between(string setting, TimeSpan value, TimeSpan minimum, TimeSpan maximum) =>
        Check(value >= minimum && value <= maximum,
            $"{Name(setting)} must be between {Describe(minimum)} and {Describe(maximum)}, got {Describe(value)}");

    /// <summary>A rule of its own; the error should name its settings with <see cref="Name"/>.</summary>
    public OptionRules Check(bool holds, string error)
    {
        if (!holds)
            _errors.Add(error);
        return this;
    }

    /// <summary>For settings handed to a component directly (no start-up report to add to): all errors in one exception.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new ArgumentException(string.Join("; ", _errors));
    }

    /// <summary>Whole seconds as "5 s", anything finer in milliseconds ("250 ms").</summary>
    public static string Describe(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s"
            : value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
}
