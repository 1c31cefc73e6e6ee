using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Realtime.Actors.Ingress;
using Realtime.App.Hosting;
using Realtime.App.Options;
using Realtime.Messages.Bus;

namespace Realtime.App.Endpoints;

/// <summary>
/// <c>POST /api/v1/events/{topic}</c> (PROTOCOL 5): bearer ingest key, one event or an array, all-or-nothing
/// validation, then one publish per event onto the bus.
/// </summary>
public static class IngestEndpoint
{
    public static void MapIngest(this WebApplication app) =>
        app.MapPost("/api/v1/events/{topic}", HandleAsync);

    private static async Task<IResult> HandleAsync(string topic, HttpContext context, RealtimeOptions options, IBusPublisher bus, ActorRegistry registry)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
            return Problem(StatusCodes.Status401Unauthorized, "missing ingest key", "Send Authorization: Bearer <ingest key>.");
        if (!KnownKey(options.Ingest.Keys, authorization[7..].Trim()))
            return Problem(StatusCodes.Status403Forbidden, "wrong ingest key", "The ingest key is not accepted.");
        if (!BusTopics.TryParse(topic, out var busTopic))
            return Problem(StatusCodes.Status404NotFound, "unknown topic", $"'{topic}' is not one of tree, meta, task, idm, activity or their subjects.");

        // Backpressure for producers: a router that has fallen behind sheds load here instead of growing its mailbox.
        if (new RouterBacklog(await registry.GetAsync<RegistryKeys.Router>(), options.Ingest.MaxRouterBacklog).IsFull)
        {
            context.Response.Headers.RetryAfter = "1";
            return Problem(StatusCodes.Status503ServiceUnavailable, "router busy", "Too many events are waiting to be routed; retry after a second.");
        }

        var max = options.Ingest.MaxIngestBytes;
        if (context.Request.ContentLength > max)
            return Problem(StatusCodes.Status413PayloadTooLarge, "body too large", $"At most {max} bytes.");
        var body = await ReadAtMostAsync(context.Request.Body, context.Request.ContentLength, max, context.RequestAborted);
        if (body is null)
            return Problem(StatusCodes.Status413PayloadTooLarge, "body too large", $"At most {max} bytes.");

        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
            return Problem(StatusCodes.Status400BadRequest, "idempotency key too long", $"Idempotency-Key has at most {MaxIdempotencyKeyLength} characters.");

        List<IngestedEvent> events;
        try
        {
            events = Validate(busTopic, body, idempotencyKey);
        }
        catch (IngestRejected rejected)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid event", rejected.Message);
        }
        await bus.PublishAsync(events, context.RequestAborted);
        return Results.Text($"{{\"accepted\":{events.Count}}}", "application/json", Encoding.UTF8, StatusCodes.Status202Accepted);
    }

    /// <summary>PROTOCOL 5: an Idempotency-Key has at most this many characters.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>
    /// Parses every element before anything is published: a bad batch applies nothing. With an Idempotency-Key each
    /// element gets a dedupe id (key and index), so a retried batch is applied once on every node.
    /// </summary>
    private static List<IngestedEvent> Validate(BusTopic topic, byte[] body, string idempotencyKey)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new IngestRejected($"body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var events = new List<IngestedEvent>(elements.Count);
            var acceptedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < elements.Count; i++)
            {
                object parsed;
                try
                {
                    parsed = BusEventParser.Parse(topic, elements[i]);
                }
                catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException)
                {
                    var where = root.ValueKind == JsonValueKind.Array ? $"element {i}" : "the event";
                    throw new IngestRejected($"{where} is not a valid {topic.ShortName()} event: {e.Message}");
                }
                var dedupeId = idempotencyKey.Length > 0 ? $"{topic.ShortName()}:{idempotencyKey}:{i}" : null;
                // The element's own bytes, as received: no round trip through a string.
                events.Add(new IngestedEvent(new BusEvent(topic, JsonMarshal.GetRawUtf8Value(elements[i]).ToArray(), DedupeId: dedupeId, AcceptedAt: acceptedAt), parsed));
            }
            return events;
        }
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream body, long? contentLength, long max, CancellationToken cancellationToken)
    {
        // Sized from Content-Length when there is one (the usual case), so the body is read into one array.
        var size = contentLength is { } length && length > 0 && length <= max ? length + 1 : Math.Min(max + 1, 16 * 1024);
        var buffer = new byte[size];
        var used = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(used), cancellationToken)) > 0)
        {
            used += read;
            if (used > max)
                return null;
            if (used == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(max + 1, buffer.Length * 2L));
        }
        return buffer[..used];
    }

    private static bool KnownKey(IEnumerable<string> keys, string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        var known = false;
        foreach (var key in keys)
            known |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), bytes);
        return known;
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    private sealed class IngestRejected(string message) : Exception(message);
}
