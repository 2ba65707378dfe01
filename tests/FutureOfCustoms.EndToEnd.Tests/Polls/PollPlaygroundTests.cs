using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Polls;

/// <summary>The "done when", through the Agents Playground: create, launch, vote, refuse, close.</summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed partial class PollPlaygroundTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task The_moderator_launches_a_poll_in_the_channel_members_vote_and_change_a_member_cannot_close_and_closing_posts_ranked_results()
    {
        var question = $"Which topic first {Guid.NewGuid():N}";
        var creation = await Playground.WaitForReplyAsync(await Playground.SendChannelMessageAsync("poll"), m => m.Attachments.Count > 0);
        var preview = await Playground.InvokeAsync(creation.ConversationId, creation.MessageId!, "poll.preview", new JsonObject
        {
            ["question"] = question,
            ["options"] = "Data analytics\nE-commerce\nGreen customs",
            ["maxChoices"] = "1",
            ["visibility"] = "Live",
            ["timeZone"] = "Europe/Brussels",
        });
        var pollId = PollIdPattern().Match(preview!.ToJsonString()).Groups[1].Value;
        Assert.NotEmpty(pollId);

        var position = Playground.Stream.Position;
        await Playground.InvokeAsync(creation.ConversationId, creation.MessageId!, "poll.launch", new JsonObject { ["pollId"] = pollId });
        var pollCard = await Playground.Stream.WaitForMessageAsync(m => CardText(m).Contains(question, StringComparison.Ordinal), Timeout, position, "poll card in the channel");
        Assert.StartsWith(PlaygroundUsers.TeamId, pollCard.ConversationId, StringComparison.Ordinal);

        // A new channel post is the root of its own thread: the Playground finds the card in that thread.
        var thread = $"{PlaygroundUsers.TeamId};messageid={pollCard.MessageId}";

        Task<JsonNode?> Vote(int member, string choice) => Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.vote", new JsonObject { ["pollId"] = pollId, ["choices"] = choice }, PlaygroundUsers.Members[member]);
        Assert.Contains("Your vote: Data analytics", (await Vote(0, "1"))!.ToJsonString(), StringComparison.Ordinal);
        await Vote(1, "2");
        await Vote(2, "3");
        Assert.Contains("Your vote: E-commerce", (await Vote(0, "2"))!.ToJsonString(), StringComparison.Ordinal);

        var refused = await Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.close", new JsonObject { ["pollId"] = pollId }, PlaygroundUsers.Members[3]);
        Assert.Contains("only the group's moderators", (string?)refused!["value"], StringComparison.Ordinal);

        position = Playground.Stream.Position;
        await Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.close", new JsonObject { ["pollId"] = pollId });
        var results = await Playground.Stream.WaitForMessageAsync(m => CardText(m).Contains("Winner: E-commerce", StringComparison.Ordinal) && CardText(m).Contains(question, StringComparison.Ordinal), Timeout, position, "ranked results");
        var text = CardText(results);
        Assert.True(text.IndexOf("E-commerce", StringComparison.Ordinal) < text.IndexOf("Green customs", StringComparison.Ordinal));
    }

    private static string CardText(BotMessage message)
        => string.Join("\n", message.Attachments.Select(a => a?["content"]?.ToJsonString() ?? string.Empty));

    [GeneratedRegex("\"pollId\":\"([a-z0-9]+)\"")]
    private static partial Regex PollIdPattern();
}
