using Realtime.Messages.Settings;

namespace Realtime.Tests.Options;

public sealed class OptionRulesTests
{
    [Fact]
    public void Errors_name_the_full_setting_and_the_value()
    {
        var errors = new OptionRules("Realtime:Chat")
            .AtLeast("MaxBatch", 0, 1)
            .Positive("AnswerTimeout", TimeSpan.FromMilliseconds(-250))
            .NotNegative("Slack", -2)
            .AtLeast("Pause", TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100))
            .Between("Port", 70000, 0, 65535)
            .Between("Skew", TimeSpan.FromMinutes(6), TimeSpan.Zero, TimeSpan.FromMinutes(5))
            .Errors;

        Assert.Equal(
        [
            "Realtime:Chat:MaxBatch must be at least 1, got 0",
            "Realtime:Chat:AnswerTimeout must be positive, got -250 ms",
            "Realtime:Chat:Slack must not be negative, got -2",
            "Realtime:Chat:Pause must be at least 100 ms, got 50 ms",
            "Realtime:Chat:Port must be 0..65535, got 70000",
            "Realtime:Chat:Skew must be between 0 s and 300 s, got 360 s",
        ], errors);
    }

    [Fact]
    public void Values_that_hold_and_unset_optional_values_pass()
    {
        var rules = new OptionRules("Realtime:Sockets")
            .AtLeast("MaxFrameBytes", 1, 1)
            .AtLeast("InboundBurst", (long?)null, 1)
            .Positive("AuthTimeout", TimeSpan.FromSeconds(1))
            .NotNegative("TokenExpiryGrace", TimeSpan.Zero)
            .Check(true, "never");

        Assert.Empty(rules.Errors);
        rules.ThrowIfAny();
    }

    [Fact]
    public void Settings_handed_to_a_component_throw_every_error_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => new OptionRules("Realtime:Chat").AtLeast("MaxBatch", 0, 1).AtLeast("ShardCount", -1, 1).ThrowIfAny());
        Assert.Equal("Realtime:Chat:MaxBatch must be at least 1, got 0; Realtime:Chat:ShardCount must be at least 1, got -1", error.Message);
    }
}
