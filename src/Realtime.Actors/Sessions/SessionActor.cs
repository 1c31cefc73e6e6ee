using Akka.Actor;
using Akka.Event;
using Realtime.Actors.Auth;
using Realtime.Actors.Metrics;
using Realtime.Messages.Protocol;

namespace Realtime.Actors.Sessions;

/// <summary>
/// One per socket: owns the socket's identity (PROTOCOL 3.3) — auth timeout, subscribe / unsubscribe,
/// token expiry with grace, inbound rate and malformed frames. What an authenticated socket does is the
/// subclass's: events (<see cref="EventSessionActor"/>) or chat.
/// </summary>
/// <remarks>
/// Untyped, dispatching with a <c>switch</c>: a <c>ReceiveActor</c> allocates its handler delegates and matcher per
/// instance (about 1 KB), once per socket.
/// </remarks>
public abstract class SessionActor : UntypedActor
{
    private readonly ITokenValidator _validator;
    private readonly InboundRateLimiter _rate;
    private readonly UserSocketCounts _userSockets = UserSocketCounts.For(Context.System);
    private readonly SessionDeadline _deadline;

    /// <summary>The login this socket is counted for in <see cref="UserSocketCounts"/>, while it has an identity.</summary>
    private string? _countedLogin;
    private InboundGate? _gate;
    private bool _closing;
    private int _validation;
    private ILoggingAdapter? _log;

    protected SessionActor(ITokenValidator validator, OutboundQueue outbound, SocketLimits limits)
    {
        _validator = validator;
        Outbound = outbound;
        Limits = limits;
        _rate = new InboundRateLimiter(limits.MaxInboundPerSecond, limits.InboundBurst);
        _deadline = new SessionDeadline(Self);
    }

    // Made when first needed (a failure): most sessions never log, and a logger per socket is memory per socket.
    protected ILoggingAdapter Log => _log ??= Context.GetLogger();

    protected OutboundQueue Outbound { get; }

    protected SocketLimits Limits { get; }

    /// <summary>The subscribe being validated, then the one that gave the current identity.</summary>
    protected SubscribeRequest? Subscription { get; private set; }

    /// <summary>The current identity; null before subscribe, after unsubscribe and after expiry.</summary>
    protected TokenClaims? Identity { get; private set; }

    private bool EverAuthenticated { get; set; }

    /// <summary>The text of the error frame for an empty token ("empty jwt" on /ws, "Empty JWT" on /chat).</summary>
    protected abstract string EmptyJwtError { get; }

    /// <summary>A new identity replaced the previous one (atomically: no event of the old one follows).</summary>
    protected abstract void OnAuthenticated(TokenClaims identity);

    /// <summary>Identity dropped (unsubscribe or expiry): deliveries must stop.</summary>
    protected abstract void OnIdentityLost();

    /// <summary>A typed frame other than subscribe/unsubscribe. Return false to acknowledge it later with <see cref="Ack"/>.</summary>
    protected virtual bool OnFrame(ClientFrame frame) => true;

    /// <summary>A message of the subclass's own; false when it is not one (it then goes to <c>Unhandled</c>).</summary>
    protected virtual bool OnSessionMessage(object message) => false;

    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case InboundMessages.Init init:
                _gate = init.Gate;
                Ack();
                break;
            case InboundMessages.Text text:
                OnText(text);
                break;
            case InboundMessages.TooLarge:
                Fail(CloseCodes.FrameTooBig, "frame too big", null);
                break;
            case InboundMessages.Completed:
                Outbound.Close(CloseCodes.Normal, "");
                Context.Stop(Self);
                break;
            case Validated validated:
                OnValidated(validated);
                break;
            case SessionDeadline.Due:
                OnDeadline(_deadline.TakeDue());
                break;
            case DrainSession:
                Fail(CloseCodes.ServiceRestart, "service restart", null);
                break;
            case Status.Failure failure:
                Log.Error(failure.Cause, "Session failure");
                Fail(CloseCodes.InternalError, "internal error", "internal error");
                break;
            default:
                if (!OnSessionMessage(message))
                    Unhandled(message);
                break;
        }
    }

    protected override void PreStart() => _deadline.Set(SessionDeadlineKind.Subscribe, Limits.AuthTimeout);

    // Whatever stopped the actor, the socket must not outlive it (a no-op after a normal close).
    protected override void PostStop()
    {
        _deadline.Dispose();
        Outbound.Close(CloseCodes.InternalError, "internal error");
        UncountSocket();
    }

    /// <summary>Lets the socket's reader read the next frame.</summary>
    protected void Ack() => _gate?.Acknowledge();

    protected void SendError(string reason) => Outbound.TryEnqueue(EventFrames.Error(reason));

    /// <summary>Error frame (when given), then close with a code of PROTOCOL 3.4; later frames are ignored.</summary>
    protected void Fail(int code, string reason, string? error)
    {
        if (_closing)
            return;
        _closing = true;
        if (error is not null)
            SendError(error);
        LoseIdentity();
        Outbound.Close(code, reason);
    }

    private void LoseIdentity()
    {
        UncountSocket();
        if (Identity is null)
            return;
        Identity = null;
        OnIdentityLost();
    }

    /// <summary>Counts this socket for <paramref name="login"/> (moving it from the previous login); false at the limit.</summary>
    private bool CountSocketFor(string login)
    {
        if (_countedLogin == login)
            return true;
        if (!_userSockets.TryAdd(login, Limits.MaxSocketsPerUser))
            return false;
        UncountSocket();
        _countedLogin = login;
        return true;
    }

    private void UncountSocket()
    {
        if (_countedLogin is null)
            return;
        _userSockets.Remove(_countedLogin);
        _countedLogin = null;
    }

    private void OnText(InboundMessages.Text text)
    {
        if (_closing)
        {
            Ack();
            return;
        }
        if (!_rate.TryTake())
        {
            Fail(CloseCodes.TooManyRequests, "too many requests", "too many requests");
            Ack();
            return;
        }
        var frame = ClientFrame.Parse(text.Utf8);
        switch (frame.Kind)
        {
            case ClientFrameKind.Malformed:
                Fail(CloseCodes.Malformed, "malformed frame", frame.Problem);
                Ack();
                break;
            case ClientFrameKind.Subscribe when frame.Jwt.Length == 0:
                Fail(CloseCodes.InvalidToken, "empty jwt", EmptyJwtError);
                Ack();
                break;
            case ClientFrameKind.Subscribe:
                // The next frame is read only once this token is settled, so frames after a subscribe see its identity.
                var attempt = ++_validation;
                Subscription = SubscribeRequest.Of(frame);
                _validator.ValidateAsync(frame.Jwt).PipeTo(Self, success: outcome => new Validated(attempt, outcome),
                    failure: e => new Validated(attempt, TokenValidationOutcome.Invalid(TokenRefusal.Failed, "token validation failed")));
                break;
            case ClientFrameKind.Unsubscribe:
                // A socket that never subscribed still owes its first subscribe in time.
                if (_deadline.Pending is not SessionDeadlineKind.Subscribe)
                    _deadline.Cancel();
                LoseIdentity();
                Ack();
                break;
            case ClientFrameKind.Ignored:
                Ack();
                break;
            default:
                if (OnFrame(frame))
                    Ack();
                break;
        }
    }

    private void OnDeadline(SessionDeadlineKind? due)
    {
        switch (due)
        {
            case SessionDeadlineKind.Subscribe when Identity is null && !EverAuthenticated:
                Fail(CloseCodes.AuthTimeout, "no subscribe in time", "no subscribe in time");
                break;
            case SessionDeadlineKind.TokenExpiry:
                OnTokenExpiryDue();
                break;
            case SessionDeadlineKind.ExpiryGrace:
                Fail(CloseCodes.TokenExpired, "token expired", null);
                break;
        }
    }

    private void OnTokenExpiryDue()
    {
        if (Identity is null)
            return;
        Outbound.TryEnqueue(EventFrames.Error("token expired"));
        LoseIdentity();
        _deadline.Set(SessionDeadlineKind.ExpiryGrace, Limits.TokenExpiryGrace);
    }

    private void OnValidated(Validated validated)
    {
        if (validated.Attempt != _validation || _closing)
        {
            Ack();
            return;
        }
        RealtimeCounters.For(Context.System).Subscribed(validated.Outcome.IsValid, EverAuthenticated ? null : Outbound.OpenedAt);
        if (validated.Outcome.Claims is not { } claims)
        {
            Fail(CloseCodes.InvalidToken, "invalid token", validated.Outcome.Error ?? "invalid token");
            Ack();
            return;
        }
        if (!CountSocketFor(claims.Login))
        {
            Fail(CloseCodes.TooManyRequests, "too many connections", "too many connections");
            Ack();
            return;
        }
        Identity = claims;
        EverAuthenticated = true;
        _deadline.Set(SessionDeadlineKind.TokenExpiry, claims.ExpiresAt - DateTimeOffset.UtcNow);
        OnAuthenticated(claims);
        Ack();
    }

    private sealed record Validated(int Attempt, TokenValidationOutcome Outcome);
}
