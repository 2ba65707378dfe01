using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The polls issue's load: every member of a 200-member team votes on the same poll card at the same moment,
/// over real HTTP, and each vote invoke is timed from send to the member's card in the response. Several bursts,
/// each member changing their vote every burst, so ballots are replaced and counts move as in a real poll. In the
/// same run, through the same host and adapter, 200 members each send an echo turn at the same moment: the floor a
/// burst of 200 simultaneous turns costs on this machine at this moment. Echo and vote bursts alternate (the order
/// turning each round), so machine noise falls on both alike, and the vote burst is judged as a ratio to the echo
/// burst. The bot runs in its own process with its shipped settings; the load generator shares the machine's cores.
/// </summary>
internal static class VoteBenchmark
{
    private const int Rounds = 10;

    /// <summary>The issue's target: a burst of votes costs at most this many times a burst of echo turns, at p99.</summary>
    private const double TargetP99Ratio = 1.5;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var votes = new List<double>();
        var echoes = new List<double>();
        var voteElapsed = TimeSpan.Zero;
        var echoElapsed = TimeSpan.Zero;
        var ballotsAfterEveryBurst = true;
        double cpuPerVote;
        double cpuPerEcho;
        await using (var host = await HostProcess.StartAsync("votes"))
        {
            var activities = new Activities(host.Port);
            using var http = Load.Client(host.Port);
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var store = new PollStore(new SqliteDocumentStore(Path.Combine(host.DataDirectory, "bot.db")), TimeProvider.System, Options.Create(new PollsOptions()));
            var poll = (await store.GetAsync(BenchmarkHost.PollId, limit.Token))!;

            // Connections open, the roster read, both paths tiered up, as on a bot that has been running for a while.
            for (var warmUp = 0; warmUp < 3; warmUp++)
            {
                await BurstAsync(http, member => activities.Vote(member, Choice(member, warmUp)), limit.Token);
                await BurstAsync(http, member => activities.Message("echo hello", member), limit.Token);
            }

            output.WriteLine("| Round | Echo median ms | Echo p99 ms | Vote median ms | Vote p99 ms | Vote p99 / echo p99 | Ballots after the burst |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            var cpuBefore = host.CpuTime();
            var echoCpu = TimeSpan.Zero;
            for (var round = 1; round <= Rounds; round++)
            {
                Stats? echo = null;
                Stats? vote = null;
                var ballots = 0;
                foreach (var votesFirst in round % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    var watch = Stopwatch.StartNew();
                    if (votesFirst)
                    {
                        var latencies = await BurstAsync(http, member => activities.Vote(member, Choice(member, round)), limit.Token);
                        voteElapsed += watch.Elapsed;
                        votes.AddRange(latencies);
                        vote = Stats.From(latencies, watch.Elapsed);
                        ballots = (await store.BoxAsync(poll, limit.Token)).Ballots;
                        ballotsAfterEveryBurst &= ballots == Activities.Members;
                    }
                    else
                    {
                        var cpu = host.CpuTime();
                        var latencies = await BurstAsync(http, member => activities.Message("echo hello", member), limit.Token);
                        echoElapsed += watch.Elapsed;
                        echoCpu += host.CpuTime() - cpu;
                        echoes.AddRange(latencies);
                        echo = Stats.From(latencies, watch.Elapsed);
                    }
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {round} | {echo!.Median:0.0} | {echo.P99:0.0} | {vote!.Median:0.0} | {vote.P99:0.0} | {vote.P99 / echo.P99:0.00}x | {ballots} |"));
            }

            cpuPerVote = (host.CpuTime() - cpuBefore - echoCpu).TotalMilliseconds / votes.Count;
            cpuPerEcho = echoCpu.TotalMilliseconds / echoes.Count;
            await host.StopAsync();
        }

        var voteStats = Stats.From(votes, voteElapsed);
        var echoStats = Stats.From(echoes, echoElapsed);
        var p99Ratio = voteStats.P99 / echoStats.P99;
        var pass = p99Ratio <= TargetP99Ratio && ballotsAfterEveryBurst;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Rounds} rounds of 200 simultaneous echo turns and 200 simultaneous vote invokes, alternating:"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  echo bursts: {echoStats.Describe()}; the bot's CPU {cpuPerEcho:0.00} ms per echo turn"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  vote bursts: {voteStats.Describe()}; the bot's CPU {cpuPerVote:0.00} ms per vote"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  vote / echo: median {voteStats.Median / echoStats.Median:0.00}x, p99 {p99Ratio:0.00}x; ballots in the box after every burst: {(ballotsAfterEveryBurst ? "200 of 200" : "NOT 200")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Target: vote burst p99 <= {TargetP99Ratio}x echo burst p99, exactly 200 ballots after every burst: {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : 1;
    }

    /// <summary>Burst b moves each member to another option.</summary>
    internal static string Choice(int member, int burst) => (((member + burst) % 3) + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Every member sends one activity, all released together.</summary>
    internal static async Task<double[]> BurstAsync(HttpClient http, Func<int, JsonObject> activity, CancellationToken cancellationToken)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, Activities.Members).Select(member => Task.Run(async () =>
        {
            var turn = activity(member);
            await go.Task;
            return await Load.PostAsync(http, turn, cancellationToken);
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(sends);
    }
}
