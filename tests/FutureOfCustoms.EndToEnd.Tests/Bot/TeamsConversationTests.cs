using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Bot;

[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class TeamsConversationTests(PlaygroundFixture fixture)
{
    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_personal_message_gets_a_reply_in_the_personal_chat()
    {
        var sent = await Playground.SendPersonalMessageAsync("hello " + Guid.NewGuid());

        var reply = await Playground.WaitForReplyAsync(sent);

        Assert.Equal(PlaygroundUsers.PersonalChatId, reply.ConversationId);
        Assert.Equal(PlaygroundUsers.BotId, (string?)reply.Message["from"]?["id"]);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text) && reply.Attachments.Count == 0, $"Empty reply: {reply}");
    }

    // Replace when the echo bot becomes the real one.
    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task The_echo_bot_repeats_the_text_it_was_sent()
    {
        var text = "echo check " + Guid.NewGuid();
        var sent = await Playground.SendPersonalMessageAsync(text);

        var reply = await Playground.WaitForReplyAsync(sent);

        Assert.Equal("echo: " + text, reply.Text);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_member_other_than_the_current_user_gets_a_reply_in_the_personal_chat()
    {
        var member = PlaygroundUsers.Members[2];

        var sent = await Playground.SendPersonalMessageAsync("hi from a member " + Guid.NewGuid(), member);

        var reply = await Playground.WaitForReplyAsync(sent);
        Assert.Equal(PlaygroundUsers.PersonalChatId, reply.ConversationId);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_channel_post_mentioning_the_bot_gets_a_reply_in_its_thread()
    {
        var sent = await Playground.SendChannelMessageAsync("what is on the agenda? " + Guid.NewGuid());

        var reply = await Playground.WaitForReplyAsync(sent);

        Assert.StartsWith(PlaygroundUsers.TeamId + ";messageid=", sent.ConversationId, StringComparison.Ordinal);
        Assert.Equal(sent.ConversationId, reply.ConversationId);
        Assert.Equal(PlaygroundUsers.BotId, (string?)reply.Message["from"]?["id"]);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_group_chat_message_mentioning_the_bot_gets_a_reply_in_the_group_chat()
    {
        var sent = await Playground.SendGroupChatMessageAsync("hello group " + Guid.NewGuid());

        var reply = await Playground.WaitForReplyAsync(sent);

        Assert.Equal(PlaygroundUsers.GroupChatId, reply.ConversationId);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_restarted_bot_is_healthy_again_and_keeps_answering_on_the_same_port()
    {
        var portBefore = fixture.Bot.Port;

        await fixture.Bot.RestartAsync();

        var health = await fixture.Bot.GetHealthAsync();
        Assert.Equal("ok", (string?)health["status"]);
        Assert.Equal(portBefore, fixture.Bot.Port);
        var sent = await Playground.SendPersonalMessageAsync("after restart " + Guid.NewGuid());
        await Playground.WaitForReplyAsync(sent);
    }
}
