using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using Realtime.App.Options;

namespace Realtime.App.Endpoints;

/// <summary>
/// Kestrel's transport for TCP endpoints when sockets are upgraded on the connection (<c>Sockets:UpgradeOnConnection</c>):
/// <see cref="UpgradeFirstListener"/>, with Kestrel's <c>SocketTransportOptions</c> for the listen socket and for the
/// connections it hands to Kestrel. Unix sockets and inherited handles stay on Kestrel's own socket transport.
/// </summary>
public sealed class UpgradeFirstTransport(IOptions<SocketTransportOptions> options, SocketAcceptor acceptor, RealtimeOptions realtime, ILoggerFactory loggers)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
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
            var upgrade = new ConnectionUpgrade(acceptor, realtime.Sockets.FirstBytesTimeout);
            return ValueTask.FromResult<IConnectionListener>(
                UpgradeFirstListener.Bind(endpoint, settings, upgrade, kestrel, loggers.CreateLogger<UpgradeFirstListener>()));
        }
        catch
        {
            kestrel.Dispose();
            throw;
        }
    }
}
