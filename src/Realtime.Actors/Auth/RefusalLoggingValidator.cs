using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Auth;

/// <summary>
/// The outermost token check: every refusal is counted by reason (<c>realtime_token_refusals_total</c>) and logged
/// with its reason at Information, at most one line per reason and <see cref="JwtSettings.LogInterval"/> (that line
/// counts the ones left out). Neither the token nor any part of it is ever logged: it is a credential, and a refused
/// one may be a valid token of someone else that failed only on audience or revocation.
/// </summary>
public sealed class RefusalLoggingValidator(ITokenValidator inner, ILogger logger, TimeSpan logInterval, TimeProvider? time = null) : ITokenValidator
{
    private static readonly TokenRefusal[] Reasons = Enum.GetValues<TokenRefusal>();
    private readonly LogThrottle _throttle = new(logInterval, time ?? TimeProvider.System);
    private readonly ConcurrentDictionary<TokenRefusal, long> _counts = new();

    /// <summary>The reason as written in logs and metric labels: <c>key_not_found</c>, <c>expired</c>, ...</summary>
    public static string Label(TokenRefusal refusal) => LabelsByReason[(int)refusal];

    /// <summary>Refusals so far, for every reason (zero included, so each series exists from the start).</summary>
    public IEnumerable<(TokenRefusal Reason, long Count)> Counts => Reasons.Select(r => (r, _counts.GetValueOrDefault(r)));

    public async Task<TokenValidationOutcome> ValidateAsync(string jwt, CancellationToken cancellationToken = default)
    {
        TokenValidationOutcome outcome;
        try
        {
            outcome = await inner.ValidateAsync(jwt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: a handler's message may quote the token.
            Refused(TokenRefusal.Failed, e.GetType().Name);
            throw;
        }
        if (outcome.Refusal is { } refusal)
            Refused(refusal, outcome.Error ?? "");
        return outcome;
    }

    private void Refused(TokenRefusal refusal, string error)
    {
        _counts.AddOrUpdate(refusal, 1, (_, n) => n + 1);
        var label = Label(refusal);
        if (!_throttle.ShouldLog(label, out var suppressed))
            return;
        if (suppressed == 0)
            logger.LogInformation("Refused a token: {Reason} ({Error})", label, error);
        else
            logger.LogInformation("Refused a token: {Reason} ({Error}); {Suppressed} more refused for this reason were not logged", label, error, suppressed);
    }

    private static readonly string[] LabelsByReason = Reasons.Select(r => SnakeCase(r.ToString())).ToArray();

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
