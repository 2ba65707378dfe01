using System.Diagnostics;
using System.Globalization;
using FutureOfCustoms.Testing;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// One member floods the bot with questions while another uses it one turn at a time: the other member's turns must
/// stay within 2x of their latency alone (issue 17). The flooder is held by the per-member limit (the default
/// RateLimits), so most of the flood is refused early; the figure says what that leaves for everyone else.
/// </summary>
internal static class FloodBenchmark
{
    private const int QuietTurns = 300;
    private const int Flooders = 8;
    private const int Flooder = 0;
    private const int Quiet = 1;
    private static readonly TimeSpan RunTimeLimit = TimeSpan.FromMinutes(4);

    // The limits as deployed, not the benchmarks' raised ones.
    private static readonly Dictionary<string, string?> DefaultLimits = new()
    {
        ["RateLimits:Questions"] = "20",
        ["RateLimits:Window"] = "00:01:00",
    };

    public static async Task<int> RunAsync(TextWriter output)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("foc-bench-flood-").FullName;
        var port = FreePort.Pick();
        var app = await BenchmarkHost.StartAsync(port, dataDirectory, DefaultLimits);
        var activities = new Activities(port);
        using var http = Load.Client(port);
        using var limit = new CancellationTokenSource(RunTimeLimit);

        // Warm-up with a third member, so neither measured member has spent any allowance; a question builds the
        // search index, which the flood's questions would otherwise all wait for.
        await Load.PostAsync(http, activities.Message("What is coordinated border management?", 2), limit.Token);
        for (var i = 0; i < 20; i++)
        {
            await Load.PostAsync(http, activities.Message("help", 2), limit.Token);
        }

        var alone = await QuietMemberAsync(http, activities, limit.Token);

        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        var flooded = 0;
        var refused = 0;
        var flood = Task.WhenAll(Enumerable.Range(0, Flooders).Select(_ => Task.Run(async () =>
        {
            while (!stopFlood.IsCancellationRequested)
            {
                try
                {
                    var reply = await Load.ReplyAsync(http, activities.Message("What is coordinated border management?", Flooder), stopFlood.Token);
                    Interlocked.Increment(ref flooded);
                    if (reply.Contains("Wait ", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
                catch (OperationCanceledException) when (stopFlood.IsCancellationRequested)
                {
                    return;
                }
            }
        })));
        // The flood under way before the measurement starts.
        while (Volatile.Read(ref flooded) < 50)
        {
            await Task.Delay(10, limit.Token);
        }

        var during = await QuietMemberAsync(http, activities, limit.Token);
        await stopFlood.CancelAsync();
        await flood;

        output.WriteLine($"| Quiet member's turn (help) | Turns | Median ms | p99 ms |");
        output.WriteLine($"|---|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| alone | {alone.Turns} | {alone.Median:0.00} | {alone.P99:0.00} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| while one member floods ({Flooders} at once, {flooded} turns, {refused} refused by the limit) | {during.Turns} | {during.Median:0.00} | {during.P99:0.00} |"));
        var pass = during.Median <= 2 * alone.Median;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Quiet member's median at most 2x alone during the flood ({during.Median / alone.Median:0.00}x): {(pass ? "PASS" : "FAIL")}"));
        await BenchmarkHost.StopAsync(app, dataDirectory);
        return pass ? 0 : 1;
    }

    /// <summary>The quiet member's turns one after another: help, which no limit holds, so only the flood can slow them.</summary>
    private static async Task<Stats> QuietMemberAsync(HttpClient http, Activities activities, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(QuietTurns);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < QuietTurns; i++)
        {
            latencies.Add(await Load.PostAsync(http, activities.Message("help", Quiet), cancellationToken));
        }

        return Stats.From(latencies, watch.Elapsed);
    }
}
