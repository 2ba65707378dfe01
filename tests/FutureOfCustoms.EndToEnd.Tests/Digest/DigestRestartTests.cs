using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using FutureOfCustoms.EndToEnd.Tests.Scale;

namespace FutureOfCustoms.EndToEnd.Tests.Digest;

/// <summary>
/// The reproduction of a restart during a digest post: a connector that holds the post, SIGTERM while it does,
/// a restart. Before the fix the cancelled post left its period claimed until Digest:StaleClaimAfter (10 minutes)
/// and no digest went out in the next 75 s; now the period is closed as unknown at shutdown and the restarted bot
/// posts the next period on time.
/// </summary>
public sealed class DigestRestartTests
{
    private const int PeriodSeconds = 20;
    private const string ModeratorAadId = "00000000-0000-0000-0000-00000000a0a0";

    [E2EFact]
    public async Task A_bot_stopped_while_Teams_holds_the_digest_post_posts_the_next_digest_on_time_after_a_restart_and_never_the_held_one_twice()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await BotProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Bot__Moderators__0"] = ModeratorAadId,
            ["Digest__Schedule"] = $"*/{PeriodSeconds} * * * * *",
            ["Digest__Tick"] = "00:00:05",
        });
        var client = new TeamsActivityClient(bot.MessagesEndpoint, connector.Url);
        connector.TimeOut(conversationId: TeamsActivityClient.ChannelId, calls: ConnectorCalls.Posts);
        await client.AddBotToTeamAsync(ModeratorAadId);

        await UntilAsync(() => ChannelPosts(connector).Count == 1, TimeSpan.FromSeconds(PeriodSeconds + 15), "the first digest post, held by the connector");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await bot.RestartAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        await UntilAsync(() => ChannelPosts(connector).Any(p => p.Delivered), TimeSpan.FromSeconds(PeriodSeconds + 20), "a digest from the restarted bot");
        var deliveredAfter = DateTimeOffset.UtcNow - restartedAt;

        // A second post of the held period would come within a tick of the restart: give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var posts = ChannelPosts(connector);
        Assert.True(deliveredAfter < TimeSpan.FromSeconds(PeriodSeconds + 10), $"The restarted bot posted {deliveredAfter.TotalSeconds:0} s after the restart.");
        Assert.Equal(0, posts[0].Status);
        Assert.Equal(posts.Count - 1, posts.Count(p => p.Delivered));
        Assert.InRange(posts.Count(p => p.Delivered), 1, 2);
    }

    private static List<ConnectorPost> ChannelPosts(FakeBotConnector connector)
        => [.. connector.Posts.Where(p => p.ConversationId == TeamsActivityClient.ChannelId && p.Path.EndsWith("/activities", StringComparison.Ordinal))];

    private static async Task UntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No {what} within {within.TotalSeconds:0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
