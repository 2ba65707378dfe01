using System.Diagnostics;
using System.Globalization;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The polls issue's load: every member of a 200-member team votes on the same poll card at the same moment,
/// over real HTTP, and each vote invoke is timed from send to the member's card in the response. Several bursts,
/// each member changing their vote every burst, so ballots are replaced and counts move as in a real poll. The
/// bot runs in its own process with its shipped settings; the load generator shares the machine's two cores.
/// </summary>
internal static class VoteBenchmark
{
    private const int Bursts = 10;
    private const double TargetP99Ms = 100;

    public static async Task<int> RunAsync(TextWriter output)
    {
        int ballots;
        Stats overall;
        double cpuPerVote;
        await using (var host = await HostProcess.StartAsync("votes"))
        {
            var activities = new Activities(host.Port);
            using var http = Load.Client(host.Port);
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
            var cpuBefore = host.CpuTime();
            for (var burst = 1; burst <= Bursts; burst++)
            {
                var watch = Stopwatch.StartNew();
                var latencies = await BurstAsync(http, activities, burst, limit.Token);
                elapsed += watch.Elapsed;
                all.AddRange(latencies);
                var stats = Stats.From(latencies, watch.Elapsed);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {burst} | {stats.Turns} | {stats.Median:0.0} | {stats.P99:0.0} | {stats.Max:0.0} |"));
            }

            cpuPerVote = (host.CpuTime() - cpuBefore).TotalMilliseconds / all.Count;
            overall = Stats.From(all, elapsed);
            await host.StopAsync();
            ballots = await BallotsAsync(host.DataDirectory);
        }

        var pass = overall.P99 < TargetP99Ms && ballots == Activities.Members;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Bursts} bursts of {Activities.Members} simultaneous vote invokes: {overall.Describe()}; the bot's CPU {cpuPerVote:0.00} ms per vote; ballots in the box {ballots} of {Activities.Members}; target p99 < {TargetP99Ms} ms: {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : 1;
    }

    /// <summary>Every member votes once, all released together; burst b moves each member to another option.</summary>
    internal static async Task<double[]> BurstAsync(HttpClient http, Activities activities, int burst, CancellationToken cancellationToken)
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

    /// <summary>The ballots the stopped bot's store counted, read from its database file.</summary>
    private static async Task<int> BallotsAsync(string dataDirectory)
    {
        var store = new PollStore(new SqliteDocumentStore(Path.Combine(dataDirectory, "bot.db")), TimeProvider.System, Options.Create(new PollsOptions()));
        var poll = await store.GetAsync(BenchmarkHost.PollId, CancellationToken.None);
        return (await store.BoxAsync(poll!, CancellationToken.None)).Ballots;
    }
}
