namespace Realtime.App.Options;

/// <summary>One or more settings are invalid; the message lists them all so start-up fails with a clear reason.</summary>
public sealed class OptionsException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:\n  - " + string.Join("\n  - ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
