using Realtime.App.Options;

namespace Realtime.Tests.Integration;

/// <summary>
/// Outside Development the gateway refuses the traps of a shipped configuration, naming the setting: no directory
/// source, a placeholder or too-weak secret, two conflicting sources, a missing key (no generated one).
/// </summary>
[Collection("gateway")]
public sealed class ProductionStartupTests
{
    private static readonly string[] Production = ["--environment", "Production"];

    private static Task<OptionsException> RefusedAsync(Dictionary<string, string?> settings) =>
        Assert.ThrowsAsync<OptionsException>(() => TestGateway.StartAsync(settings, args: Production));

    [Fact]
    public async Task A_missing_directory_source_is_refused()
    {
        var error = await RefusedAsync(new() { ["Realtime:Directory:SnapshotFile"] = null });
        Assert.Contains("Realtime:Directory:SnapshotFile or Realtime:Directory:SnapshotUrl is required", Assert.Single(error.Errors));
    }

    [Theory]
    [InlineData("Realtime:Jwt:HmacKeys:0", "change-me-signing-key-at-least-32-bytes-long", "Realtime:Jwt:HmacKeys[0]")]
    [InlineData("Realtime:Jwt:HmacKeys:0", "compose-dev-signing-key-change-me-0123456789", "Realtime:Jwt:HmacKeys[0]")]
    [InlineData("Realtime:Ingest:Keys:0", "change-me-ingest-key-at-least-32-bytes", "Realtime:Ingest:Keys[0]")]
    [InlineData("Realtime:Ingest:Keys:0", "compose-dev-ingest-key-change-me-0123", "Realtime:Ingest:Keys[0]")]
    [InlineData("Realtime:Journal:ConnectionString",
        "Host=postgres.realtime.svc.cluster.local;Port=5432;Username=realtime;Password=change-me;Database=realtime", "Realtime:Journal:ConnectionString")]
    public async Task A_placeholder_secret_shipped_in_docker_is_refused(string key, string placeholder, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = placeholder };
        if (key == "Realtime:Journal:ConnectionString")
            settings["Realtime:Journal:Provider"] = "postgresql";
        var error = await RefusedAsync(settings);
        var message = Assert.Single(error.Errors);
        Assert.StartsWith(named + " is the placeholder shipped in docker/", message);
        Assert.DoesNotContain(placeholder, error.Message);
    }

    [Fact]
    public async Task A_too_short_signing_key_is_refused()
    {
        var error = await RefusedAsync(new() { ["Realtime:Jwt:HmacKeys:0"] = new string('k', 31) });
        Assert.Contains("HmacKeys[0] is 31 bytes; at least 32 are required", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task A_too_short_ingest_key_is_refused()
    {
        var error = await RefusedAsync(new() { ["Realtime:Ingest:Keys:0"] = new string('k', 15) });
        Assert.Contains("Ingest:Keys must be at least 16 characters", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task Two_directory_sources_are_refused()
    {
        var error = await RefusedAsync(new() { ["Realtime:Directory:SnapshotUrl"] = "http://127.0.0.1:1/snapshot.json" });
        Assert.Contains("set Realtime:Directory:SnapshotFile or Realtime:Directory:SnapshotUrl, not both", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task Two_key_set_sources_are_refused()
    {
        var error = await RefusedAsync(new() { ["Realtime:Jwt:JwksFile"] = "/tmp/jwks.json", ["Realtime:Jwt:JwksUrl"] = "http://127.0.0.1:1/jwks.json" });
        Assert.Contains("set only one of Realtime:Jwt:JwksFile and Realtime:Jwt:JwksUrl", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task No_signing_key_is_refused_instead_of_generating_one()
    {
        var error = await RefusedAsync(new() { ["Realtime:Jwt:HmacKeys:0"] = null });
        Assert.Contains("no signing key source: set Realtime:Jwt:HmacKeys, Realtime:Jwt:JwksFile or Realtime:Jwt:JwksUrl", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task No_ingest_key_is_refused_instead_of_generating_one()
    {
        var error = await RefusedAsync(new() { ["Realtime:Ingest:Keys:0"] = null });
        Assert.Contains("Ingest:Keys is required outside Development", Assert.Single(error.Errors));
    }

    [Fact]
    public async Task A_real_secret_that_merely_contains_change_me_starts()
    {
        const string benchKey = "bench-only-secret-change-me-0123456789abcdef";
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Realtime:Jwt:HmacKeys:0"] = benchKey }, args: Production);
        await using var socket = await gateway.ConnectAsync();
        await socket.SubscribeAsync(new Realtime.Actors.Auth.DevTokenIssuer(TestGateway.Issuer, TestGateway.Audience, benchKey).Issue("alice", ["role-team"], "standard"));
        Assert.Equal("subscribed", (await socket.ReceiveJsonAsync()).GetProperty("@type").GetString());
    }

    [Fact]
    public async Task A_secret_given_as_one_value_is_never_split_on_commas()
    {
        const string withComma = "signing,key-with-a-comma-0123456789abcdef";
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["Realtime:Jwt:HmacKeys:0"] = null, ["Realtime:Jwt:HmacKeys"] = withComma }, args: Production);
        Assert.Equal([withComma], gateway.Options.Jwt.HmacKeys);
    }

    [Fact]
    public async Task Development_falls_back_to_the_sample_directory_and_generated_keys()
    {
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["Realtime:Directory:SnapshotFile"] = null, ["Realtime:Jwt:HmacKeys:0"] = null, ["Realtime:Ingest:Keys:0"] = null },
            args: ["--environment", "Development"]);
        Assert.Equal(DirectoryOptions.SampleSnapshotFile, gateway.Options.Directory.SnapshotFile);
        Assert.True(gateway.Options.UsesDevSigningKey);
        Assert.True(gateway.Options.UsesDevIngestKey);
    }
}
