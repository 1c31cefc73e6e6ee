using System.Net;

namespace Realtime.Tests.Auth;

/// <summary>Serves a JWKS document over fake HTTP and counts the fetches.</summary>
internal sealed class CountingJwksHandler(string json) : HttpMessageHandler
{
    private int _requests;

    public string Json { get; set; } = json;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Json) });
    }
}
