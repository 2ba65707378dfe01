using System.Text.Json.Nodes;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Bot;

/// <summary>The foundation as Teams sees it: personal chat, channel and group chat, cards, moderators, restarts.</summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class TeamsConversationTests(PlaygroundFixture fixture)
{
    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Help_in_the_personal_chat_comes_back_as_a_help_card()
    {
        var sent = await Playground.SendPersonalMessageAsync("help");

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0);

        Assert.Equal(PlaygroundUsers.BotId, (string?)reply.Message["from"]?["id"]);
        Assert.Contains("What I can do", CardText(reply), StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Help_as_a_channel_mention_comes_back_as_a_help_card_in_the_thread()
    {
        var sent = await Playground.SendChannelMessageAsync("HELP");

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0);

        Assert.StartsWith(PlaygroundUsers.TeamId + ";messageid=", reply.ConversationId, StringComparison.Ordinal);
        Assert.Contains("What I can do", CardText(reply), StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Help_in_a_group_chat_answers_in_the_group_chat()
    {
        var sent = await Playground.SendGroupChatMessageAsync("help");

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0);

        Assert.Equal(PlaygroundUsers.GroupChatId, reply.ConversationId);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_moderator_command_from_a_member_is_refused()
    {
        var sent = await Playground.SendPersonalMessageAsync("status", PlaygroundUsers.Members[0]);

        var reply = await Playground.WaitForReplyAsync(sent);

        Assert.Contains("only the group's moderators", reply.Text, StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_card_action_reaches_its_handler()
    {
        var help = await Playground.WaitForReplyAsync(await Playground.SendPersonalMessageAsync("help"), m => m.Attachments.Count > 0);
        var sent = new SentMessage(PlaygroundUsers.PersonalChatId, help.MessageId!, Playground.Stream.Position);
        await Playground.SubmitAsync(PlaygroundUsers.PersonalChatId, help.MessageId!, new JsonObject { ["verb"] = "help" });

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0);
        Assert.Contains("What I can do", CardText(reply), StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Adding_the_bot_to_the_team_welcomes_the_channel_and_survives_a_restart()
    {
        var botAdded = await Playground.GetActivityTemplateAsync(PlaygroundUsers.TeamId, "botAdded");
        var position = await Playground.SendCustomActivityAsync(botAdded);
        var welcome = await Playground.Stream.WaitForMessageAsync(m => m.ConversationId.StartsWith(PlaygroundUsers.TeamId, StringComparison.Ordinal) && CardText(m).Contains("Welcome", StringComparison.Ordinal), TimeSpan.FromSeconds(20), position, "welcome card in the team");
        Assert.NotNull(welcome);

        await fixture.Bot.RestartAsync();

        var status = await Playground.WaitForReplyAsync(await Playground.SendPersonalMessageAsync("status"), m => m.Attachments.Count > 0);
        Assert.Contains(PlaygroundUsers.TeamId, CardText(status), StringComparison.Ordinal);
    }

    private static string CardText(BotMessage message)
        => string.Join("\n", message.Attachments.Select(a => a?["content"]?.ToJsonString() ?? string.Empty));
}
