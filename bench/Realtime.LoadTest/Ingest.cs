using System.Net;
using System.Text;

namespace Realtime.LoadTest;

/// <summary>POSTs one batch, waiting out and retrying 503 answers (ingest backpressure) as their Retry-After says.</summary>
public static class Ingest
{
    /// <summary>Fallback when a 503 carries no usable Retry-After.</summary>
    private static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(1);

    private const int MaxAttempts = 120;

    /// <summary>Returns how many 503s the batch met before a 2xx accepted it; any other answer throws.</summary>
    public static async Task<int> PostAsync(HttpClient http, string path, string body)
    {
        for (var unavailable = 0; ; unavailable++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content);
            if (response.IsSuccessStatusCode)
                return unavailable;
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || unavailable + 1 >= MaxAttempts)
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(RetryDelay(response));
        }
    }

    private static TimeSpan RetryDelay(HttpResponseMessage response)
    {
        var retry = response.Headers.RetryAfter;
        var delay = retry?.Delta ?? (retry?.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultRetry);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
