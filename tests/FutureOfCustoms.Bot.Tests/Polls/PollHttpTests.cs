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
        var invokes = members.Select((member, i) => Invoke(member, PollCards.VoteVerb, new JsonObject { ["pollId"] = poll.Id, ["choices"] = ((i % 3) + 1).ToString(CultureInfo.InvariantCulture) })).ToList();

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

    [Fact]
    public async Task Over_HTTP_each_member_gets_their_own_view_and_the_shared_update_keeps_the_refresh_for_them()
    {
        var messenger = new FakeMessenger();
        messenger.Members.AddRange([FakeMessenger.Member(TestBot.ModeratorAadId), FakeMessenger.Member(TestBot.MemberAadId), FakeMessenger.Member(TestBot.OtherMemberAadId)]);
        using var factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Polls:SharedCardUpdateDelay"] = "00:00:00" })
            .WithServices(services => services.AddSingleton<IMessenger>(messenger));
        var store = factory.Services.GetRequiredService<PollStore>();
        var poll = OpenPoll("view01") with { MessageId = "message-poll" };
        await store.InsertAsync(poll, CancellationToken.None);

        var voted = await InvokeCardAsync(factory, Invoke(TestBot.MemberAadId, PollCards.VoteVerb, new JsonObject { ["pollId"] = poll.Id, ["choices"] = "2" }));
        await messenger.FirstUpdate.WaitAsync(TimeSpan.FromSeconds(30));
        var member = await InvokeCardAsync(factory, Invoke(TestBot.MemberAadId, PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }));
        var other = await InvokeCardAsync(factory, Invoke(TestBot.OtherMemberAadId, PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }));
        var moderator = await InvokeCardAsync(factory, Invoke(TestBot.ModeratorAadId, PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }));
        var shared = messenger.Updated.First().Message.Card!;

        Assert.Contains("You voted: B", voted.AllText(), StringComparison.Ordinal);
        Assert.Contains("You voted: B", member.AllText(), StringComparison.Ordinal);
        Assert.Contains("Change vote", member.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("You voted", other.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("You voted", shared.AllText(), StringComparison.Ordinal);
        Assert.Equal(messenger.Members.Select(m => m.Id), shared["refresh"]!["userIds"]!.AsArray().Select(id => (string?)id));
        Assert.Contains("Close poll", moderator.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Close poll", member.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Manage", member.AllText().Split('\n'));
        Assert.Contains("Manage", shared.AllText().Split('\n'));
        Assert.Contains("1 of 3 members has voted", member.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_HTTP_the_close_dialog_asks_first_and_a_members_close_changes_nothing()
    {
        var messenger = new FakeMessenger();
        messenger.Members.AddRange([FakeMessenger.Member(TestBot.ModeratorAadId), FakeMessenger.Member(TestBot.MemberAadId)]);
        using var factory = new BotApplicationFactory().WithServices(services => services.AddSingleton<IMessenger>(messenger));
        var store = factory.Services.GetRequiredService<PollStore>();
        var poll = OpenPoll("close01") with { MessageId = "message-poll" };
        await store.InsertAsync(poll, CancellationToken.None);

        var asked = await DialogAsync(factory, Dialog(TestBot.ModeratorAadId, "task/fetch", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id }));
        var refused = await DialogAsync(factory, Dialog(TestBot.MemberAadId, "task/submit", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id, ["confirm"] = "true" }));

        Assert.Equal("continue", (string?)asked["type"]);
        Assert.Contains("Close now? 0 of 2 members have voted.", asked["value"]!["card"]!["content"]!.AllText(), StringComparison.Ordinal);
        Assert.Equal("message", (string?)refused["type"]);
        Assert.Contains("only the group's moderators", (string?)refused["value"], StringComparison.Ordinal);
        Assert.Equal(PollStatus.Open, (await store.GetAsync(poll.Id, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData("task/fetch", "{\"data\":{\"verb\":\"poll.dialog\"},\"context\":5}")]
    [InlineData("task/submit", "[1,2]")]
    [InlineData("composeExtension/fetchTask", "{\"commandId\":{\"a\":1}}")]
    public async Task A_dialog_invoke_of_the_wrong_shape_is_answered_400_and_opens_nothing(string name, string value)
    {
        using var factory = new BotApplicationFactory();
        var activity = Channel(TestBot.ModeratorAadId);
        activity["name"] = name;
        activity["value"] = JsonNode.Parse(value);

        var (response, activities) = await factory.PostActivityAsync(activity);

        response.EnsureSuccessStatusCode();
        var invokeResponse = activities.Single(a => (string?)a!["type"] == "invokeResponse")!;
        Assert.Equal(400, (int)invokeResponse["value"]!["status"]!);
        Assert.DoesNotContain(activities, a => (string?)a!["type"] == "message");
    }

    private static async Task<JsonObject> InvokeCardAsync(BotApplicationFactory factory, JsonObject invoke)
    {
        var body = await InvokeBodyAsync(factory, invoke);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        return body["value"]!.AsObject();
    }

    private static async Task<JsonObject> DialogAsync(BotApplicationFactory factory, JsonObject invoke)
        => (await InvokeBodyAsync(factory, invoke))["task"]!.AsObject();

    /// <summary>The invoke response's body, as Teams receives it (with expectReplies it comes back among the replies).</summary>
    private static async Task<JsonObject> InvokeBodyAsync(BotApplicationFactory factory, JsonObject invoke)
    {
        var (response, activities) = await factory.PostActivityAsync(invoke);
        response.EnsureSuccessStatusCode();
        var invokeResponse = activities.Single(a => (string?)a!["type"] == "invokeResponse")!;
        Assert.Equal(200, (int)invokeResponse["value"]!["status"]!);
        return invokeResponse["value"]!["body"]!.AsObject();
    }

    private static JsonObject Dialog(string aadObjectId, string name, JsonObject data)
    {
        var activity = Channel(aadObjectId);
        activity["name"] = name;
        activity["value"] = new JsonObject { ["data"] = data, ["context"] = new JsonObject { ["theme"] = "default" } };
        return activity;
    }

    private static JsonObject Invoke(string aadObjectId, string verb, JsonObject data)
    {
        var activity = Channel(aadObjectId);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private static JsonObject Channel(string aadObjectId)
    {
        var activity = BotApplicationFactory.TeamsMessage(string.Empty, aadObjectId, "channel", TestBot.ChannelConversationId);
        activity.Remove("text");
        activity["type"] = "invoke";
        return activity;
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
}
