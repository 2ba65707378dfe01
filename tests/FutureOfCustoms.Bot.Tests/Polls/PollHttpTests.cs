using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Polls;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>Counts under load; how long the votes take is measured by bench votes, not here.</summary>
public sealed class PollHttpTests
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
        var poll = OpenPoll("load01");
        await store.InsertAsync(poll, CancellationToken.None);
        var invokes = members.Select((member, i) => VoteInvoke(member, poll.Id, ((i % 3) + 1).ToString(CultureInfo.InvariantCulture))).ToList();

        // Every member's vote released at the same moment.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var votes = invokes.Select(invoke => Task.Run(async () =>
        {
            await start.Task;
            var (response, _) = await factory.PostActivityAsync(invoke);
            response.EnsureSuccessStatusCode();
        })).ToList();
        start.SetResult();
        await Task.WhenAll(votes);

        var ballots = await store.BallotsAsync(poll.Id, CancellationToken.None);
        Assert.Equal(Voters, ballots.Count);
        Assert.Equal(Voters, ballots.Select(b => b.Id).Distinct().Count());
        var results = IndependentTally.Count(poll, ballots.Select(b => b.Value), Voters);
        Assert.Equal([67, 67, 66], results.Counts.Select(c => c.Votes));
        var box = await store.BoxAsync(poll, CancellationToken.None);
        Assert.Equal(Voters, box.Ballots);
        Assert.Equal(results.Counts, box.Results(poll, Voters).Counts);
    }

    private static Poll OpenPoll(string id) => new()
    {
        Id = id,
        Question = "Which topic first?",
        Options = [new PollOption("1", "A"), new PollOption("2", "B"), new PollOption("3", "C")],
        ConversationId = TestBot.ChannelConversationId,
        CreatedBy = new UserRef("29:moderator", "Moderator", TestBot.ModeratorAadId),
        Status = PollStatus.Open,
    };

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
