using System.Text.Json.Nodes;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Polls;

/// <summary>
/// The "done when", through the Agents Playground: create in the dialog (the message extension's action,
/// the dialog the Playground carries), edit, launch once, vote, refuse, confirm the close, results with a chart.
/// </summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class PollPlaygroundTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task The_moderator_creates_a_poll_in_the_dialog_members_vote_a_member_cannot_close_and_the_confirmed_close_posts_a_chart()
    {
        var question = $"Which topic first {Guid.NewGuid():N}";
        Task<JsonNode?> Dialog(string name, JsonObject data) => PollDialog.StepAsync(Playground, PlaygroundUsers.TeamId, name, data);

        var position = Playground.Stream.Position;
        var opened = (await Dialog("composeExtension/fetchTask", []))!["task"]!;
        Assert.Equal("continue", (string?)opened["type"]);
        var dialogKey = PollDialog.DialogKey(opened);
        Assert.Matches("^[0-9a-f]{32}$", dialogKey);

        var preview = (await Dialog("composeExtension/submitAction", PollDialog.Preview(dialogKey, question)))!["task"]!;
        var pollId = PollDialog.PollId(preview);
        Assert.NotEmpty(pollId);
        Assert.Contains("\"Edit\"", preview.ToJsonString(), StringComparison.Ordinal);
        var edit = (await Dialog("composeExtension/submitAction", new JsonObject { ["verb"] = "poll.edit", ["pollId"] = pollId }))!["task"]!;
        Assert.Contains(question, edit.ToJsonString(), StringComparison.Ordinal);

        var launched = (await Dialog("composeExtension/submitAction", new JsonObject { ["verb"] = "poll.launch", ["pollId"] = pollId }))!["task"]!;
        var again = (await Dialog("composeExtension/submitAction", new JsonObject { ["verb"] = "poll.launch", ["pollId"] = pollId }))!["task"]!;
        Assert.Contains("The poll is posted", (string?)launched["value"], StringComparison.Ordinal);
        Assert.Contains("already been launched", (string?)again["value"], StringComparison.Ordinal);
        var pollCard = await Playground.Stream.WaitForMessageAsync(m => CardText(m).Contains(question, StringComparison.Ordinal), Timeout, position, "poll card in the channel");
        Assert.StartsWith(PlaygroundUsers.TeamId, pollCard.ConversationId, StringComparison.Ordinal);
        Assert.Single(Playground.Stream.Snapshot().Skip(position), m => m.Action == "createMessage" && CardText(m).Contains(question, StringComparison.Ordinal));
        Assert.Contains("launched by Mona Moderator", CardText(pollCard), StringComparison.Ordinal);
        Assert.DoesNotContain($"Poll {pollId}", CardText(pollCard), StringComparison.Ordinal);

        // A new channel post is the root of its own thread: the Playground finds the card in that thread.
        var thread = $"{PlaygroundUsers.TeamId};messageid={pollCard.MessageId}";

        Task<JsonNode?> Vote(int member, string choice) => Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.vote", new JsonObject { ["pollId"] = pollId, ["choices"] = choice }, PlaygroundUsers.Members[member]);
        Assert.Contains("You voted: Data analytics", (await Vote(0, "1"))!.ToJsonString(), StringComparison.Ordinal);
        await Vote(1, "2");
        await Vote(2, "3");
        Assert.Contains("You voted: E-commerce", (await Vote(0, "2"))!.ToJsonString(), StringComparison.Ordinal);

        var refused = await Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.close", new JsonObject { ["pollId"] = pollId, ["confirm"] = "true" }, PlaygroundUsers.Members[3]);
        Assert.Contains("only the group's moderators", (string?)refused!["value"], StringComparison.Ordinal);
        var asked = await Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.close", new JsonObject { ["pollId"] = pollId });
        Assert.Contains("Close now?", asked!.ToJsonString(), StringComparison.Ordinal);

        position = Playground.Stream.Position;
        await Playground.InvokeAsync(thread, pollCard.MessageId!, "poll.close", new JsonObject { ["pollId"] = pollId, ["confirm"] = "true" });
        var results = await Playground.Stream.WaitForMessageAsync(m => m.Action == "createMessage" && CardText(m).Contains("Winner: E-commerce", StringComparison.Ordinal) && CardText(m).Contains(question, StringComparison.Ordinal), Timeout, position, "ranked results");
        var text = CardText(results);
        Assert.Contains("Chart.Donut", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("E-commerce", StringComparison.Ordinal) < text.IndexOf("Green customs", StringComparison.Ordinal));
    }

    private static string CardText(BotMessage message)
        => string.Join("\n", message.Attachments.Select(a => a?["content"]?.ToJsonString() ?? string.Empty));
}
