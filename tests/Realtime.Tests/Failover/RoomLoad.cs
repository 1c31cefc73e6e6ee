using System.Diagnostics;
using Realtime.Messages.Chat;
using Realtime.Tests.Integration;
using static Realtime.Tests.Integration.ChatTestClient;

namespace Realtime.Tests.Failover;

/// <summary>
/// One client posting into one GLOBAL room as fast as the room acknowledges: a post is acknowledged when its echo
/// (the bare message) comes back. A post not echoed within <see cref="AckWait"/> is given up (it may still land
/// later, and then counts as acknowledged when its echo arrives); the client then heartbeats, which re-joins a room
/// that moved, and posts the next text. Every text is unique, so the history check can count them.
/// </summary>
public sealed class RoomLoad : IAsyncDisposable
{
    private static readonly TimeSpan AckWait = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    private readonly ChatTestClient _client;
    private readonly Stopwatch _clock;
    private readonly List<(string Text, TimeSpan At)> _acks = [];
    private int _next;

    private RoomLoad(string room, ChatTestClient client, Stopwatch clock, int firstNumber)
    {
        Room = room;
        _client = client;
        _clock = clock;
        _next = firstNumber;
    }

    public string Room { get; }

    public string RoomUuid => Uuid(ChatRoomType.GLOBAL, Room);

    /// <summary>Acknowledged texts in the order their echoes arrived, with the time on the shared clock.</summary>
    public IReadOnlyList<(string Text, TimeSpan At)> Acks => _acks;

    /// <summary>Connects to <paramref name="node"/> and joins the room; texts are numbered from <paramref name="firstNumber"/>.</summary>
    public static async Task<RoomLoad> JoinAsync(string room, GatewayProcess node, Stopwatch clock, int firstNumber)
    {
        var client = await ConnectAsync(node.ChatUri, GatewayProcess.Token("poster", [GatewayProcess.PosterRole]), "poster");
        await client.JoinedAsync(ChatRoomType.GLOBAL, room);
        return new RoomLoad(room, client, clock, firstNumber);
    }

    /// <summary>Posts until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var rejoin = false;
        while (!stop.IsCancellationRequested)
        {
            if (rejoin)
                await _client.HeartbeatAsync(ChatRoomType.GLOBAL, Room);
            var text = $"{Room}#{_next++}";
            await _client.PostAsync(RoomUuid, text);
            rejoin = !await AwaitEchoAsync(text);
            if (!rejoin)
                await Task.Delay(Pace, CancellationToken.None);
        }
        // Echoes of the last posts may be on their way.
        await AwaitEchoAsync(null);
    }

    /// <summary>The time of the first acknowledgement after <paramref name="instant"/>, if any.</summary>
    public TimeSpan? FirstAckAfter(TimeSpan instant) => _acks.Where(a => a.At > instant).Select(a => (TimeSpan?)a.At).FirstOrDefault();

    private async Task<bool> AwaitEchoAsync(string? text)
    {
        var deadline = _clock.Elapsed + AckWait;
        while (_clock.Elapsed < deadline)
        {
            System.Text.Json.JsonElement frame;
            try
            {
                frame = await _client.Socket.ReceiveJsonAsync(deadline - _clock.Elapsed);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            if (TypeOf(frame) != "")
                continue;
            var echoed = Text(frame);
            _acks.Add((echoed, _clock.Elapsed));
            if (echoed == text)
                return true;
        }
        return false;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
