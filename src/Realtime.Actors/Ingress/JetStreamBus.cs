using System.Security.Cryptography;
using System.Text;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// The retained, ordered bus (PROTOCOL 7, issue 8): one JetStream stream over every subject of PROTOCOL 5, created
/// when missing. Its sequence numbers are the positions every node agrees on; the stream's creation time names its
/// epoch, so a cursor of a deleted and re-created stream is never taken for one of this stream.
/// </summary>
public sealed class JetStreamBus(INatsJSContext js, string streamName)
{
    public string StreamName => streamName;

    /// <summary>Creates (or updates) the stream; returns its origin name and where it stands.</summary>
    public async Task<(string Origin, ulong FirstSequence, ulong LastSequence)> EnsureStreamAsync(int maxEvents, TimeSpan maxAge, TimeSpan dedupeWindow, CancellationToken cancellationToken)
    {
        var config = new StreamConfig(streamName, BusTopics.All.Select(t => t.Subject()).ToArray())
        {
            MaxMsgs = maxEvents,
            MaxAge = maxAge,
            DuplicateWindow = dedupeWindow,
            Storage = StreamConfigStorage.File,
        };
        var stream = await js.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);
        var info = stream.Info;
        return (OriginOf(streamName, info.Created), info.State.FirstSeq, info.State.LastSeq);
    }

    public static string OriginOf(string streamName, DateTimeOffset created)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{streamName}|{created.UtcTicks}"));
        return "js-" + Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
    }
}
