using System.Text;
using System.Text.Json;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;
using Realtime.Messages.Protocol.Chat;
using Realtime.Tests.Access;
using Xunit;

namespace Realtime.Tests.Fuzzing;

/// <summary>
/// Every parser that reads the network, fed 25,000 seeded mutated and random inputs each (125,000 a run): no
/// exception escapes but the documented refusal of each (which becomes its error frame, 400 or start-up message).
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Cases = 25_000;

    private static readonly string[] SocketFrames =
    [
        """{"@type":"subscribe","jwt":"a.b.c"}""", """{"@type":"subscribe","jwt":"a.b.c","v":2,"recover":"1.n-1.5"}""",
        """{"@type":"unsubscribe"}""", """{"@type":"noop","x":[1,2,{"y":null}]}""", """{"nothing":1}""",
    ];

    private static readonly string[] ChatFrames =
    [
        """{"@type":"JOIN","Room":{"Type":"WORKSPACE","RoomTypeObject":"ws-a"},"Message":{"Message":"{\"After\":\"m-1\"}"}}""",
        """{"@type":"POST","Room":{"Uuid":"r-1"},"Message":{"Message":"hello","Uuid":"m-2"}}""",
        """{"@type":"HISTORY","Room":{"Uuid":"r-1"},"Message":{"Message":"{\"Offset\":0,\"Limit\":50}"}}""",
        """{"@type":"DELETE_MSG","Room":{"Uuid":"r-1"},"Message":{"Uuid":"m-2"}}""", """{"@type":"LEAVE","Room":{"Uuid":"r-1"}}""",
    ];

    private static readonly string[] Events =
    [
        File.ReadAllText(SamplePath("tree-create.json")), File.ReadAllText(SamplePath("tree-move.json")),
        File.ReadAllText(SamplePath("task.json")), File.ReadAllText(SamplePath("activity.json")), File.ReadAllText(SamplePath("idm-remove-acl.json")),
    ];

    [Fact]
    public void Socket_frames_are_parsed_or_refused_as_malformed_never_thrown()
    {
        var mutator = new Mutator(1);
        for (var i = 0; i < Cases; i++)
        {
            var input = mutator.Next(SocketFrames);
            var frame = ClientFrame.Parse(input);
            if (frame.Kind == ClientFrameKind.Malformed)
                Assert.False(string.IsNullOrEmpty(frame.Problem));
            _ = frame.Version;
            _ = frame.Recover;
        }
    }

    [Fact]
    public void Chat_frames_are_parsed_or_refused_never_thrown()
    {
        var mutator = new Mutator(2);
        for (var i = 0; i < Cases; i++)
        {
            var input = mutator.Next(ChatFrames);
            if (ChatFrameCodec.TryParse(input, out var frame) && frame is not null)
            {
                _ = ChatFrameCodec.ParseHistoryRequest(mutator.NextText(ChatFrames));
                _ = ChatFrameCodec.ParseCatchUpRequest(mutator.NextText(ChatFrames));
            }
        }
    }

    [Fact]
    public void Ingest_bodies_are_parsed_or_refused_with_the_exceptions_the_endpoint_turns_into_400()
    {
        var mutator = new Mutator(3);
        var topics = BusTopics.All.ToArray();
        for (var i = 0; i < Cases; i++)
        {
            var input = mutator.Next(Events);
            try
            {
                using var document = JsonDocument.Parse(input);
                var root = document.RootElement;
                foreach (var element in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root])
                    BusEventParser.Parse(topics[i % topics.Length], element);
            }
            catch (Exception e) when (e is JsonException or FormatException or OverflowException or InvalidOperationException)
            {
                // 400 with the element named (IngestEndpoint)
            }
        }
    }

    [Fact]
    public async Task Tokens_are_refused_with_a_reason_never_thrown()
    {
        var key = "fuzz-signing-key-0123456789abcdef0123";
        var validator = new JwtTokenValidator(new JwtSettings { Issuer = "fuzz", Audience = "fuzz", HmacKeys = [key] });
        var good = new DevTokenIssuer("fuzz", "fuzz", key).Issue("alice", ["role-a"]);
        var parts = good.Split('.');
        var seeds = new[]
        {
            good, parts[0] + "." + parts[1] + ".", "eyJhbGciOiJub25lIn0." + parts[1] + ".",
            Base64("""{"alg":"HS256","kid":"x","crit":["b64"]}""") + "." + parts[1] + "." + parts[2],
            Base64("""{"alg":"RS256"}""") + "." + parts[1] + "." + parts[2],
        };
        var mutator = new Mutator(4);
        for (var i = 0; i < Cases; i++)
        {
            var outcome = await validator.ValidateAsync(mutator.NextText(seeds));
            Assert.True(outcome.IsValid || !string.IsNullOrEmpty(outcome.Error));
        }
    }

    [Fact]
    public void Directory_snapshots_are_loaded_or_refused_with_a_format_error_never_thrown()
    {
        var mutator = new Mutator(5);
        for (var i = 0; i < Cases; i++)
        {
            try
            {
                // A snapshot arrives as text (file or HTTP body decoded as UTF-8), as the loader reads it.
                using var document = JsonDocument.Parse(mutator.NextText([TestDirectory.StandardJson]));
                AccessDirectory.FromSnapshot(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                // start-up stops naming the snapshot; a refresh keeps the last good one
            }
        }
    }

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string SamplePath(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "samples", "events", file)))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new FileNotFoundException(file), "samples", "events", file);
    }
}
