using System.Diagnostics;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FutureOfCustoms.Bot.Tests.Polls;

public sealed class PollHttpTests(ITestOutputHelper output)
{
    private const int Voters = 200;

    [Fact]
    public async Task Two_hundred_members_voting_at_the_same_moment_over_HTTP_are_each_counted_exactly_once()
    {
        var messenger = new FakeMessenger();
        var members = Enumerable.Range(0, Voters).Select(i => $"00000000-0000-0000-0001-{i:D12}").ToList();
        messenger.Members.AddRange(members.Select(FakeMessenger.Member));
        using var factory = new BotApplicationFactory().WithServices(services => services.AddSingleton<IMessenger>(messenger));
        var store = factory.Services.GetRequiredService<PollStore>();
        var poll = new Poll
        {
            Id = "load01",
            Question = "Which topic first?",
            Options = [new PollOption("1", "A"), new PollOption("2", "B"), new PollOption("3", "C")],
            ConversationId = TestBot.ChannelConversationId,
            CreatedBy = new UserRef("29:moderator", "Moderator", TestBot.ModeratorAadId),
            Status = PollStatus.Open,
        };
        await store.InsertAsync(poll, CancellationToken.None);
        using var client = factory.CreateClient();

        var timings = await Task.WhenAll(members.Select((aad, i) => Task.Run(async () =>
        {
            var watch = Stopwatch.StartNew();
            var (response, _) = await factory.PostActivityAsync(VoteInvoke(aad, poll.Id, ((i % 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            watch.Stop();
            Assert.True(response.IsSuccessStatusCode, $"vote {i}: HTTP {(int)response.StatusCode}");
            return watch.Elapsed.TotalMilliseconds;
        })));

        var ballots = await store.BallotsAsync(poll.Id, CancellationToken.None);
        Assert.Equal(Voters, ballots.Count);
        Assert.Equal(Voters, ballots.Select(b => b.Id).Distinct().Count());
        var results = PollTally.Count(poll, ballots.Select(b => b.Value), Voters);
        Assert.Equal([67, 67, 66], results.Counts.Select(c => c.Votes));
        Array.Sort(timings);
        output.WriteLine($"{Voters} concurrent vote invokes: median {timings[Voters / 2]:F0} ms, p99 {timings[(int)Math.Ceiling(Voters * 0.99) - 1]:F0} ms, max {timings[^1]:F0} ms");
    }

    private static JsonObject VoteInvoke(string aadObjectId, string pollId, string choice)
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
