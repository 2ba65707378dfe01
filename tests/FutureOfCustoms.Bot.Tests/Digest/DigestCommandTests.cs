using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Tests.Support;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Digest;

public sealed class DigestCommandTests
{
    private static readonly DateTimeOffset Installed = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Digest_post_by_the_moderator_puts_the_digest_in_the_group_channel_now()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);
        digest.Bot.Time.SetUtcNow(Installed.AddDays(2));

        var replies = await digest.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId);

        Assert.Contains("posted in the group channel", replies.Texts(), StringComparison.Ordinal);
        var (conversation, message) = Assert.Single(digest.Sent);
        Assert.Equal(DigestHarness.ChannelId, conversation);
        Assert.Contains("Launched: Which building block comes first", message.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_scheduled_digest_starts_where_a_posted_one_ended()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);
        var posted = Installed.AddDays(2);
        digest.Bot.Time.SetUtcNow(posted);
        await digest.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId);

        await digest.CheckAtAsync(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(2, digest.Sent.Count);
        Assert.Equal(posted, digest.Sources[0].Periods[^1].Start);
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("digest post")]
    [InlineData("digest here")]
    [InlineData("digest on")]
    [InlineData("digest off")]
    public async Task Digest_commands_from_a_member_are_refused_and_change_nothing(string command)
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);

        var replies = await digest.Bot.SendTextAsync(command, TestBot.MemberAadId, ConversationKind.Channel);

        Assert.Contains("only the group's moderators", replies.Texts(), StringComparison.Ordinal);
        Assert.Empty(digest.Sent);
        Assert.Null(await digest.Bot.Get<DigestStore>().GetTeamAsync(TestBot.TeamId, CancellationToken.None));
    }

    [Fact]
    public async Task Digest_off_stops_the_schedule_and_digest_on_resumes_it()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);

        var off = await digest.Bot.SendTextAsync("digest off", TestBot.ModeratorAadId, ConversationKind.Channel);
        await digest.CheckAtAsync(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        Assert.Contains("is off", off.Texts(), StringComparison.Ordinal);
        Assert.Empty(digest.Sent);

        var on = await digest.Bot.SendTextAsync("digest on", TestBot.ModeratorAadId, ConversationKind.Channel);
        await digest.CheckAtAsync(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

        Assert.Contains("is on", on.Texts(), StringComparison.Ordinal);
        Assert.Single(digest.Sent);
    }

    [Fact]
    public async Task Digest_here_moves_the_digest_to_the_channel_it_is_typed_in()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);
        var other = digest.Bot.NewActivity(Microsoft.Bot.Schema.ActivityTypes.Message, TestBot.ModeratorAadId, ConversationKind.Channel);
        other.Conversation.Id = "19:discussion@thread.tacv2;messageid=99";
        other.Text = "<at>Future of Customs</at> digest here";
        other.Entities = [new Microsoft.Bot.Schema.Mention(new Microsoft.Bot.Schema.ChannelAccount(TestBot.BotId, "Future of Customs"), "<at>Future of Customs</at>")];

        var replies = await digest.Bot.RunAsync(other);
        digest.Bot.Time.Advance(TimeSpan.FromHours(1));
        await digest.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId);

        Assert.Contains("this channel", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal("19:discussion@thread.tacv2", Assert.Single(digest.Sent).Conversation);
    }

    [Fact]
    public async Task Digest_here_outside_a_channel_is_refused()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);

        var replies = await digest.Bot.SendTextAsync("digest here", TestBot.ModeratorAadId);

        Assert.Contains("in the channel where", replies.Texts(), StringComparison.Ordinal);
        Assert.Null(await digest.Bot.Get<DigestStore>().GetTeamAsync(TestBot.TeamId, CancellationToken.None));
    }

    [Fact]
    public async Task Digest_in_the_personal_chat_shows_the_preview_to_the_moderator_without_posting()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);

        var replies = await digest.Bot.SendTextAsync("digest", TestBot.ModeratorAadId);

        Assert.Contains("Launched: Which building block comes first", replies.Card().AllText(), StringComparison.Ordinal);
        Assert.Empty(digest.Sent);
        Assert.Null(await digest.Bot.Get<DigestStore>().LatestPeriodAsync(TestBot.TeamId, CancellationToken.None));
    }

    [Fact]
    public async Task Digest_in_a_channel_sends_the_preview_to_the_moderator_alone()
    {
        await using var digest = new DigestHarness();
        await digest.AddToTeamAtAsync(Installed);

        var replies = await digest.Bot.SendTextAsync("digest", TestBot.ModeratorAadId, ConversationKind.Channel);

        Assert.Contains("personal chat", replies.Texts(), StringComparison.Ordinal);
        Assert.DoesNotContain(replies.Messages(), r => r.Attachments?.Count > 0);
        digest.Messenger.Verify(m => m.SendToUserAsync(It.Is<UserRef>(u => u.AadObjectId == TestBot.ModeratorAadId), TestBot.TenantId, It.Is<OutgoingMessage>(o => o.Card != null), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(digest.Sent);
    }

    [Fact]
    public async Task Digest_before_the_bot_is_in_a_team_says_so()
    {
        await using var digest = new DigestHarness();

        var replies = await digest.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId);

        Assert.Contains("not in a team yet", replies.Texts(), StringComparison.Ordinal);
        Assert.Empty(digest.Sent);
    }
}
