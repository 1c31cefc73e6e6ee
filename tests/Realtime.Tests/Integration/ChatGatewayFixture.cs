namespace Realtime.Tests.Integration;

/// <summary>One gateway shared by the tests of <see cref="ChatSocketTests"/> (each test uses its own rooms).</summary>
public sealed class ChatGatewayFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://chat.example.com";

    public TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Gateway = await TestGateway.StartAsync(
            ChatTestDirectory.Settings(("Realtime:Sockets:AllowedOrigins", AllowedOrigin)),
            ChatTestDirectory.Json);

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
