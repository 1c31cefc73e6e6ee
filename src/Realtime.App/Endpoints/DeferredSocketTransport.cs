using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Realtime.App.Endpoints;

/// <summary>
/// Kestrel's transport for TCP endpoints when sockets are upgraded on the connection: <see cref="DeferredSocketListener"/>
/// with Kestrel's <c>SocketTransportOptions</c> (<c>Kestrel:...</c> socket settings keep working). Unix sockets and
/// inherited handles stay on Kestrel's own socket transport.
/// </summary>
public sealed class DeferredSocketTransport(IOptions<SocketTransportOptions> options, ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var kestrel = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions
        {
            IOQueueCount = settings.IOQueueCount,
            WaitForDataBeforeAllocatingBuffer = settings.WaitForDataBeforeAllocatingBuffer,
            MaxReadBufferSize = settings.MaxReadBufferSize,
            MaxWriteBufferSize = settings.MaxWriteBufferSize,
            UnsafePreferInlineScheduling = settings.UnsafePreferInlineScheduling,
        }, loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets"));
        try
        {
            return ValueTask.FromResult<IConnectionListener>(DeferredSocketListener.Bind(endpoint, settings, kestrel));
        }
        catch
        {
            kestrel.Dispose();
            throw;
        }
    }
}
