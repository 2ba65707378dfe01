using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.Benchmarks;

/// <summary>Latency figures of one set of turns: every turn timed from send to the full response.</summary>
internal sealed record Stats(int Turns, double Median, double P99, double Max, double Throughput)
{
    public static Stats From(IReadOnlyCollection<double> milliseconds, TimeSpan elapsed)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Stats(sorted.Length, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], sorted[^1], sorted.Length / elapsed.TotalSeconds);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"median {Median:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms");
}

/// <summary>Turns posted over real HTTP to the host's /api/messages, as Teams posts them.</summary>
internal static class Load
{
    public static HttpClient Client(int port) => new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <returns>The time from send to the last byte of a successful response, in milliseconds.</returns>
    public static async Task<double> PostAsync(HttpClient http, JsonObject activity, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync(new Uri("api/messages", UriKind.Relative), activity, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        return elapsed;
    }

    /// <summary>The body of a successful response, to check what a scenario measures.</summary>
    public static async Task<string> ReplyAsync(HttpClient http, JsonObject activity, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("api/messages", UriKind.Relative), activity, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
