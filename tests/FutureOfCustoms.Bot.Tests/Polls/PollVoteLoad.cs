using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>The time of each vote invoke of a burst, as a member waits for it.</summary>
internal sealed record VoteLoadFigures(IReadOnlyList<double> Milliseconds)
{
    public double Median => Percentile(0.5);

    public double P99 => Percentile(0.99);

    public double Max => Milliseconds.Max();

    public double Percentile(double share)
    {
        var sorted = Milliseconds.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * share) - 1)];
    }
}

/// <summary>
/// The polls load measurement: members voting at the same moment over HTTP on the real host, each invoke timed
/// from send to response, median and p99 printed. It prints and never asserts: timings belong to the machine
/// (a benchmark), while the counts are asserted by the caller.
/// </summary>
internal static class PollVoteLoad
{
    /// <summary>Brings the host to its steady state first (knowledge index built, vote path compiled, roster cached), so the burst measures votes and not start-up.</summary>
    public static async Task WarmUpAsync(BotApplicationFactory factory, Poll warmUpPoll, string voterAadId)
    {
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
        var (response, _) = await factory.PostActivityAsync(VoteInvoke(voterAadId, warmUpPoll.Id, warmUpPoll.Options[0].Id));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every voter sends one vote invoke, all released at once; <paramref name="choiceOf"/> gives voter i's option id.</summary>
    public static async Task<VoteLoadFigures> RunAsync(BotApplicationFactory factory, string pollId, IReadOnlyList<string> voterAadIds, Func<int, string> choiceOf, Action<string> print)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var votes = voterAadIds.Select((aad, i) => Task.Run(async () =>
        {
            var invoke = VoteInvoke(aad, pollId, choiceOf(i));
            await start.Task;
            var watch = Stopwatch.StartNew();
            var (response, _) = await factory.PostActivityAsync(invoke);
            watch.Stop();
            response.EnsureSuccessStatusCode();
            return watch.Elapsed.TotalMilliseconds;
        })).ToList();
        start.SetResult();
        var figures = new VoteLoadFigures(await Task.WhenAll(votes));
        print(string.Create(CultureInfo.InvariantCulture, $"{voterAadIds.Count} concurrent vote invokes: median {figures.Median:F0} ms, p99 {figures.P99:F0} ms, max {figures.Max:F0} ms"));
        return figures;
    }

    public static JsonObject VoteInvoke(string aadObjectId, string pollId, string choice)
    {
        var activity = BotApplicationFactory.TeamsMessage(string.Empty, aadObjectId, "channel", TestBot.ChannelConversationId);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = PollCards.VoteVerb, ["data"] = new JsonObject { ["pollId"] = pollId, ["choices"] = choice } },
            ["trigger"] = "manual",
        };
        return activity;
    }
}
