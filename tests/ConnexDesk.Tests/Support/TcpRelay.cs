using System.Net;
using System.Net.Sockets;

namespace ConnexDesk.Tests.Support;

/// <summary>
/// Forwards a local port to a real server, and can cut every connection through it: a network that drops, for the
/// tests of reconnecting. The bytes are passed on untouched.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _refusing;

    public TcpRelay(string host, int port)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(host, port);
    }

    public int Port { get; }

    /// <summary>Drops every open connection; while <paramref name="refuseNew"/>, new ones are closed as soon as they come.</summary>
    public void Cut(bool refuseNew)
    {
        _refusing = refuseNew;
        lock (_open)
        {
            foreach (var client in _open)
                client.Dispose();
            _open.Clear();
        }
    }

    public void Restore() => _refusing = false;

    private async Task AcceptAsync(string host, int port)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            if (_refusing)
            {
                inbound.Dispose();
                continue;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(host, port);
            lock (_open)
                _open.AddRange([inbound, outbound]);
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
#pragma warning disable CA1031 // A cut connection ends its pump, whatever the socket throws; the other side sees it close.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Cut(refuseNew: true);
        _listener.Stop();
        _listener.Dispose();
        _stop.Dispose();
    }
}
