using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.Benchmarks;

/// <summary>Turn latency and throughput through real HTTP (Kestrel on loopback), as ratios to the echo floor.</summary>
internal static class TurnBenchmark
{
    private const int TurnsPerRun = 2_000;
    private const int WarmUpTurns = 200;
    private static readonly int[] Concurrency = [1, 32];
    private static readonly TimeSpan RunTimeLimit = TimeSpan.FromSeconds(90);

    private static readonly string[] Questions =
    [
        "What is coordinated border management?",
        "How does the group see e-commerce?",
        "Which building block covers data analytics?",
        "What did the VWG say about 3D printing?",
    ];

    /// <summary>
    /// The scenarios, by the verb that must be registered for them to run. A feature adds its own with one line,
    /// e.g. ("vote invoke", "vote", i =&gt; Activities.Execute("vote", new JsonObject { ["pollId"] = ..., ["option"] = "a" }, i)).
    /// </summary>
    private static readonly (string Name, string Verb, Func<int, JsonObject> Activity)[] Scenarios =
    [
        ("echo turn (floor)", BenchmarkHost.EchoVerb, i => Activities.Message("echo hello", i)),
        ("question turn", "ask", i => Activities.Message(Questions[i % Questions.Length], i)),
        ("help turn", "help", i => Activities.Message("help", i)),
        ("vote invoke", "vote", i => Activities.Execute("vote", new JsonObject { ["option"] = "a" }, i)),
        ("suggestion submit", "suggest", i => Activities.Submit("suggest", new JsonObject { ["title"] = $"Bench topic {i}", ["description"] = "A topic submitted by the benchmark." }, i)),
    ];

    public static async Task<int> RunAsync(TextWriter output)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("foc-bench-turns-").FullName;
        var port = FreePort();
        await using var app = await BenchmarkHost.StartAsync(port, dataDirectory);
        var catalog = BenchmarkHost.Catalog(app);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

        // Every conversation known and the code tiered up before any figure counts, whichever scenario runs first.
        await MeasureAsync(http, Scenarios[0].Activity, WarmUpTurns * 5, Concurrency.Max());
        var results = new List<(string Name, int Concurrency, Stats Stats)>();
        foreach (var (name, verb, activity) in Scenarios)
        {
            if (catalog.FindByVerb(verb) is null)
            {
                output.WriteLine($"skipped: {name} (verb '{verb}' is not registered on this branch)");
                continue;
            }

            await MeasureAsync(http, activity, WarmUpTurns, Concurrency.Max());
            foreach (var concurrency in Concurrency)
            {
                var stats = await MeasureAsync(http, activity, TurnsPerRun, concurrency);
                results.Add((name, concurrency, stats));
                output.WriteLine($"measured: {name} at {concurrency}: {stats.Turns} turns");
            }
        }

        output.WriteLine();
        output.WriteLine($"| Scenario | Concurrent conversations | Turns | Median ms | p99 ms | Turns/s | Median / echo | p99 / echo |");
        output.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, concurrency, stats) in results)
        {
            var floor = results.First(r => r.Concurrency == concurrency).Stats;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {concurrency} | {stats.Turns} | {stats.Median:0.00} | {stats.P99:0.00} | {stats.Throughput:0} | {stats.Median / floor.Median:0.00}x | {stats.P99 / floor.P99:0.00}x |"));
        }

        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return 0;
    }

    private static async Task<Stats> MeasureAsync(HttpClient http, Func<int, JsonObject> activity, int turns, int concurrency)
    {
        var latencies = new double[turns];
        var next = -1;
        using var limit = new CancellationTokenSource(RunTimeLimit);
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < turns && !limit.IsCancellationRequested)
            {
                // Each worker is one conversation, as 32 members chatting at once would be.
                var body = activity(worker);
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync(new Uri("api/messages", UriKind.Relative), body, limit.Token);
                await response.Content.ReadAsByteArrayAsync(limit.Token);
                response.EnsureSuccessStatusCode();
                latencies[i] = watch.Elapsed.TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        total.Stop();
        var done = Math.Min(turns, next);
        var sorted = latencies.Take(done).Order().ToArray();
        return new Stats(done, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], done / total.Elapsed.TotalSeconds);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Stats(int Turns, double Median, double P99, double Throughput);
}
