using System.Text.Json.Nodes;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Discussion;

/// <summary>The Annex III discussion as Teams runs it: posted in the channel, answered by several members, compiled.</summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class DiscussionPlaygroundTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Three_members_answer_in_the_channel_one_edits_and_the_moderator_sees_the_compilation_after_a_restart()
    {
        var sent = await Playground.SendChannelMessageAsync("discuss");
        var posted = await Playground.Stream.WaitForMessageAsync(
            m => m.Action == "createMessage" && m.ConversationId.StartsWith(PlaygroundUsers.TeamId, StringComparison.Ordinal) && CardText(m).Contains("SHAO Weijian", StringComparison.Ordinal),
            Timeout, sent.StreamPosition, "discussion card in the channel");
        Assert.Contains("Answer", CardText(posted), StringComparison.Ordinal);

        string[] administrations = ["Nigeria Customs Service", "Brazil Federal Revenue", "China Customs"];
        string[] choices = ["yes", "partly", "yes"];
        for (var i = 0; i < 3; i++)
        {
            var response = await AnswerAsync(posted, i, $"Answer of {administrations[i]} on question 4.", choices[i], administrations[i]);
            Assert.Contains("question 4 is saved", response, StringComparison.Ordinal);
        }

        var position = Playground.Stream.Position;
        var edit = await AnswerAsync(posted, 0, "Edited: Customs together with tax authorities.", "partly", null, PlaygroundUsers.Members[0].AadObjectId);
        Assert.Contains("is saved", edit, StringComparison.Ordinal);
        var updated = await Playground.Stream.WaitForMessageAsync(
            m => m.Action == "updateMessage" && m.MessageId == posted.MessageId && CardText(m).Contains("3 answers", StringComparison.Ordinal),
            Timeout, 0, "the posted card counting three answers");
        Assert.NotNull(updated);
        Assert.True(Playground.Stream.Position >= position);

        await fixture.Bot.RestartAsync();

        var responses = await Playground.WaitForReplyAsync(await Playground.SendPersonalMessageAsync("responses"), m => m.Attachments.Count > 0);
        var text = CardText(responses);
        Assert.Contains("Edited: Customs together with tax authorities.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Answer of Nigeria Customs Service", text, StringComparison.Ordinal);
        Assert.Contains("Answer of Brazil Federal Revenue on question 4.", text, StringComparison.Ordinal);
        Assert.Contains("Answer of China Customs on question 4.", text, StringComparison.Ordinal);
        Assert.Contains("China Customs, Chen Wei", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Partly\",\"value\":\"2\"", text, StringComparison.Ordinal);
    }

    private async Task<string> AnswerAsync(BotMessage card, int member, string text, string choice, string? administration, string? author = null)
    {
        var data = new JsonObject { ["discussion"] = "annex-iii", ["question"] = 4, ["text"] = text, ["choice"] = choice };
        if (administration is not null)
        {
            data["administration"] = administration;
        }

        if (author is not null)
        {
            data["author"] = author;
        }

        // A new channel post is the root of its own thread: the Playground finds it in that thread.
        var thread = $"{PlaygroundUsers.TeamId};messageid={card.MessageId}";
        var response = await Playground.InvokeAsync(thread, card.MessageId!, "discussion.save", data, PlaygroundUsers.Members[member]);
        return response?.ToJsonString() ?? string.Empty;
    }

    private static string CardText(BotMessage message)
        => string.Join("\n", message.Attachments.Select(a => a?["content"]?.ToJsonString() ?? string.Empty));
}
