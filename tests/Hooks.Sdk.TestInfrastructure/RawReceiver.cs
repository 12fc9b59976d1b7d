using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hooks.Sdk.TestInfrastructure;

/// <summary>
/// A raw HTTP/1.x receiver on 127.0.0.1 that ends connections the way stock servers do: Python's <c>http.server</c>
/// in its default HTTP/1.0 mode (answers, then closes), the same without a Content-Length, a keep-alive server that
/// closes idle connections, and one that reads a request and closes without answering. It reads each request whole
/// and counts requests per connection, so a test can prove what reached it and over how many connections.
/// </summary>
public sealed class RawReceiver : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly RawReceiverMode _mode;
    private int _requests;
    private int _connections;

    public RawReceiver(RawReceiverMode mode)
    {
        _mode = mode;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(128);
        _ = AcceptAsync();
    }

    /// <summary>For <see cref="RawReceiverMode.KeepAliveIdleClose"/>: how long a connection may sit idle.</summary>
    public TimeSpan IdleClose { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>For the HTTP/1.0 modes: the gap between the response and the close; 5 ms makes a reuse race certain.</summary>
    public TimeSpan CloseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/hook";

    public int Requests => Volatile.Read(ref _requests);

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every request's head, as received.</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

    public void Dispose() => _listener.Dispose();

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        byte[] buffer = new byte[64 * 1024];
        int length = 0;
        int served = 0;
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    bool idle = _mode == RawReceiverMode.KeepAliveIdleClose && served > 0 && length == 0;
                    using var timeout = new CancellationTokenSource(idle ? IdleClose : Timeout.InfiniteTimeSpan);
                    int read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    length += read;
                }
                string head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                int total = headEnd + 4 + head.Split("\r\n")
                    .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(line => int.Parse(line["Content-Length:".Length..], CultureInfo.InvariantCulture))
                    .FirstOrDefault();
                while (length < total)
                {
                    int read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }
                    length += read;
                }
                buffer.AsSpan(total, length - total).CopyTo(buffer);
                length -= total;
                served++;
                Heads.Enqueue(head);
                Interlocked.Increment(ref _requests);
                if (_mode == RawReceiverMode.CloseWithoutResponse)
                {
                    return;
                }
                bool http10 = _mode is RawReceiverMode.Http10 or RawReceiverMode.Http10WithoutLength;
                string response = (http10 ? "HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Python/3.11\r\n" : "HTTP/1.1 200 OK\r\n")
                    + "Content-Type: application/json\r\n"
                    + (_mode == RawReceiverMode.Http10WithoutLength ? "" : "Content-Length: 11\r\n")
                    + "\r\n";
                // Python's end_headers() flushes the head, then wfile.write() sends the body, then the socket closes.
                await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None);
                await socket.SendAsync("{\"ok\":true}"u8.ToArray(), SocketFlags.None);
                if (http10)
                {
                    await Task.Delay(CloseDelay);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // An idle close, or the client went away.
        }
        finally
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // Already gone.
            }
            socket.Dispose();
        }
    }
}

/// <summary>How a <see cref="RawReceiver"/> answers and ends connections.</summary>
public enum RawReceiverMode
{
    /// <summary><c>HTTP/1.0 200</c> with a Content-Length, then close: Python's <c>http.server</c> by default.</summary>
    Http10,

    /// <summary><c>HTTP/1.0 200</c> without a Content-Length, then close.</summary>
    Http10WithoutLength,

    /// <summary>HTTP/1.1 keep-alive, closing a connection idle for <see cref="RawReceiver.IdleClose"/>.</summary>
    KeepAliveIdleClose,

    /// <summary>Reads the request, then closes without answering: the receiver may have acted on it.</summary>
    CloseWithoutResponse,
}
