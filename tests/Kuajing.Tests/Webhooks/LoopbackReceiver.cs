using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kuajing.Tests.Webhooks;

/// <summary>One request as the loopback receiver saw it.</summary>
internal sealed record ReceivedRequest(int Index, string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body, TimeSpan ArrivedAt);

/// <summary>What the receiver answers: a status code and optional headers.</summary>
internal sealed record ReceiverAnswer(int StatusCode, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>A real HTTP server (HttpListener) on 127.0.0.1 with a free port, answering by a scripted function.</summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<ReceivedRequest, ReceiverAnswer> _answer;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    public LoopbackReceiver(Func<ReceivedRequest, ReceiverAnswer> answer)
    {
        _answer = answer;
        int port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/kuajing");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received.OrderBy(r => r.Index)];

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        TimeSpan arrived = _stopwatch.Elapsed;
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = context.Request.Headers.AllKeys
            .Where(k => k is not null)
            .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(Interlocked.Increment(ref _count), context.Request.HttpMethod, headers, body.ToArray(), arrived);
        _received.Enqueue(request);
        ReceiverAnswer answer = _answer(request);
        try
        {
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, _stop.Token);
            }

            context.Response.StatusCode = answer.StatusCode;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout test) or the receiver is stopping: nothing to answer.
            context.Response.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // Listener shut down.
        }

        _stop.Dispose();
    }
}
