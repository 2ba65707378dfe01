using System.Globalization;
using FutureOfCustoms.Bot.Polls;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The polls issue's load: every member of a 200-member team votes on the same poll card at the same moment,
/// over real HTTP, and each vote invoke is timed from send to the member's card in the response. Several bursts,
/// each member changing their vote every burst, so ballots are replaced and counts move as in a real poll.
/// </summary>
internal static class VoteBenchmark
{
    private const int Bursts = 10;
    private const double TargetP99Ms = 100;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("foc-bench-votes-").FullName;
        var port = Load.FreePort();
        var app = await BenchmarkHost.StartAsync(port, dataDirectory);
        var activities = new Activities(port);
        using var http = Load.Client(port);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        // Connections open, the roster read and the vote path tiered up, as on a bot that has been running for a while.
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await BurstAsync(http, activities, warmUp, limit.Token);
        }

        var all = new List<double>();
        output.WriteLine($"| Burst | Votes | Median ms | p99 ms | Max ms |");
        output.WriteLine($"|---:|---:|---:|---:|---:|");
        var elapsed = TimeSpan.Zero;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var burst = 1; burst <= Bursts; burst++)
        {
            var started = DateTime.UtcNow;
            var latencies = await BurstAsync(http, activities, burst, limit.Token);
            elapsed += DateTime.UtcNow - started;
            all.AddRange(latencies);
            var stats = Stats.From(latencies, DateTime.UtcNow - started);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {burst} | {stats.Turns} | {stats.Median:0.0} | {stats.P99:0.0} | {stats.Max:0.0} |"));
        }

        var cpuPerVote = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / all.Count;
        var overall = Stats.From(all, elapsed);
        var box = await app.Services.GetRequiredService<PollStore>().BoxAsync((await app.Services.GetRequiredService<PollStore>().GetAsync(BenchmarkHost.PollId, CancellationToken.None))!, CancellationToken.None);
        var counted = box.Ballots == Activities.Members;
        var pass = overall.P99 < TargetP99Ms && counted;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Bursts} bursts of {Activities.Members} simultaneous vote invokes: {overall.Describe()}; CPU {cpuPerVote:0.00} ms per vote (host and load generator); ballots in the box {box.Ballots} of {Activities.Members}; target p99 < {TargetP99Ms} ms: {(pass ? "PASS" : "FAIL")}"));

        await BenchmarkHost.StopAsync(app, dataDirectory);
        return pass ? 0 : 1;
    }

    /// <summary>Every member votes once, all released together; burst b moves each member to another option.</summary>
    private static async Task<double[]> BurstAsync(HttpClient http, Activities activities, int burst, CancellationToken cancellationToken)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var votes = Enumerable.Range(0, Activities.Members).Select(member => Task.Run(async () =>
        {
            var vote = activities.Vote(member, (((member + burst) % 3) + 1).ToString(CultureInfo.InvariantCulture));
            await go.Task;
            return await Load.PostAsync(http, vote, cancellationToken);
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(votes);
    }
}
