using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Digest;

/// <summary>The digest as the group channel receives it, posted by the moderator.</summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class DigestTests(PlaygroundFixture fixture)
{
    internal const string DigestTitle = "Digest of the Future of Customs group";

    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Digest_post_by_the_moderator_puts_a_digest_card_in_the_team_channel()
    {
        await Playground.SendCustomActivityAsync(await Playground.GetActivityTemplateAsync(PlaygroundUsers.TeamId, "botAdded"));
        await Playground.WaitForReplyAsync(await Playground.SendChannelMessageAsync("What is the role of customs in data sharing?", PlaygroundUsers.Members[0]));

        var sent = await Playground.SendPersonalMessageAsync("digest post");

        var digest = await Playground.Stream.WaitForMessageAsync(m => IsDigest(m), TimeSpan.FromSeconds(20), sent.StreamPosition, "digest card in the team channel");
        var confirmation = await Playground.WaitForReplyAsync(sent);
        Assert.StartsWith(PlaygroundUsers.TeamId, digest.ConversationId, StringComparison.Ordinal);
        Assert.Contains("posted in the group channel", confirmation.Text, StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Digest_from_a_member_is_refused_and_posts_nothing()
    {
        var sent = await Playground.SendPersonalMessageAsync("digest post", PlaygroundUsers.Members[1]);

        var reply = await Playground.WaitForReplyAsync(sent);

        Assert.Contains("only the group's moderators", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Playground.Stream.Snapshot().Skip(sent.StreamPosition), IsDigest);
    }

    internal static bool IsDigest(BotMessage message)
        => message.ConversationId.StartsWith(PlaygroundUsers.TeamId, StringComparison.Ordinal)
            && message.Action == "createMessage"
            && message.Attachments.Any(a => a?["content"]?.ToJsonString().Contains(DigestTitle, StringComparison.Ordinal) == true);
}
