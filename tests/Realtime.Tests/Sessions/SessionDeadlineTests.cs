using Akka.TestKit.Xunit2;
using Realtime.Actors.Sessions;

namespace Realtime.Tests.Sessions;

/// <summary>The single deadline of a session: its timer tells <c>Due</c>, and only a deadline that is really due is taken.</summary>
public sealed class SessionDeadlineTests : TestKit
{
    [Fact]
    public void A_deadline_is_told_when_due_and_taken_once()
    {
        using var deadline = new SessionDeadline(TestActor);

        deadline.Set(SessionDeadlineKind.Subscribe, TimeSpan.FromMilliseconds(100));

        ExpectMsg<SessionDeadline.Due>(TimeSpan.FromSeconds(5));
        Assert.Equal(SessionDeadlineKind.Subscribe, deadline.TakeDue());
        Assert.Null(deadline.Pending);
        Assert.Null(deadline.TakeDue());
    }

    [Fact]
    public void A_deadline_moved_later_ignores_a_tick_that_came_early_and_is_told_again_when_due()
    {
        using var deadline = new SessionDeadline(TestActor);
        deadline.Set(SessionDeadlineKind.TokenExpiry, TimeSpan.FromSeconds(2));

        // A tick of an earlier setting still arriving: not due yet, so nothing is taken and the timer is re-armed.
        Assert.Null(deadline.TakeDue());
        Assert.Equal(SessionDeadlineKind.TokenExpiry, deadline.Pending);

        ExpectMsg<SessionDeadline.Due>(TimeSpan.FromSeconds(6));
        Assert.Equal(SessionDeadlineKind.TokenExpiry, deadline.TakeDue());
    }

    [Fact]
    public void A_cancelled_or_replaced_deadline_is_not_told()
    {
        using var deadline = new SessionDeadline(TestActor);
        deadline.Set(SessionDeadlineKind.Subscribe, TimeSpan.FromMilliseconds(100));
        deadline.Cancel();
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));

        deadline.Set(SessionDeadlineKind.TokenExpiry, TimeSpan.FromMilliseconds(100));
        deadline.Set(SessionDeadlineKind.ExpiryGrace, TimeSpan.FromMilliseconds(300));
        ExpectMsg<SessionDeadline.Due>(TimeSpan.FromSeconds(5));
        Assert.Equal(SessionDeadlineKind.ExpiryGrace, deadline.TakeDue());
    }

    [Fact]
    public void A_deadline_in_the_past_is_due_at_once()
    {
        using var deadline = new SessionDeadline(TestActor);

        deadline.Set(SessionDeadlineKind.TokenExpiry, TimeSpan.FromMinutes(-5));

        ExpectMsg<SessionDeadline.Due>(TimeSpan.FromSeconds(5));
        Assert.Equal(SessionDeadlineKind.TokenExpiry, deadline.TakeDue());
    }
}
