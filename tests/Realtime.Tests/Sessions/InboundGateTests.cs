using Realtime.Actors.Sessions;

namespace Realtime.Tests.Sessions;

/// <summary>The read loop's gate: one frame in flight, released by the actor's acknowledgement or by closing.</summary>
public sealed class InboundGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_wait_ends_true_when_the_frame_is_acknowledged_and_not_before()
    {
        var gate = new InboundGate();

        var wait = gate.WaitAsync().AsTask();
        await AssertStillWaitingAsync(wait);
        gate.Acknowledge();

        Assert.True(await wait.WaitAsync(Timeout));
    }

    [Fact]
    public async Task An_acknowledgement_before_the_wait_is_kept_for_it_and_used_once()
    {
        var gate = new InboundGate();
        gate.Acknowledge();

        Assert.True(await gate.WaitAsync());
        var next = gate.WaitAsync().AsTask();
        await AssertStillWaitingAsync(next);
        gate.Acknowledge();
        Assert.True(await next.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Closing_ends_the_wait_in_progress_and_every_later_one_with_false()
    {
        var gate = new InboundGate();
        var wait = gate.WaitAsync().AsTask();

        gate.Close();

        Assert.False(await wait.WaitAsync(Timeout));
        Assert.False(await gate.WaitAsync());
        gate.Acknowledge();
        Assert.False(await gate.WaitAsync());
    }

    [Fact]
    public async Task Many_frames_acknowledged_from_another_thread_each_release_one_wait()
    {
        var gate = new InboundGate();
        const int frames = 10_000;
        var acks = Task.Run(async () =>
        {
            for (var i = 0; i < frames; i++)
            {
                gate.Acknowledge();
                if (i % 100 == 0)
                    await Task.Yield();
            }
        });

        for (var i = 0; i < frames; i++)
            Assert.True(await gate.WaitAsync().AsTask().WaitAsync(Timeout));
        await acks;
        await AssertStillWaitingAsync(gate.WaitAsync().AsTask());
    }

    private static async Task AssertStillWaitingAsync(Task<bool> wait)
    {
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
    }
}
