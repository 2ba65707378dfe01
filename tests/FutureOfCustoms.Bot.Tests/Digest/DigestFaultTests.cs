using System.Net;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Bot.Tests.Digest;

/// <summary>The weekly digest through the real Teams messenger, against a connector answering with scripted faults.</summary>
public sealed class DigestFaultTests
{
    private const string Channel = TestBot.ChannelConversationId;
    private const string OtherTeam = "19:other-team@thread.tacv2";
    private const string OtherChannel = "19:other-general@thread.tacv2";
    private const string Title = "Digest of the Future of Customs group";
    private static readonly string ModeratorChat = FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId);

    // The bot joins on Monday 23 November 2026 at 09:00 Brussels; the first digest is due a week later.
    private static readonly DateTimeOffset FirstMonday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_digest_answered_429_is_posted_once_after_Retry_After_and_recorded_as_sent()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.Fail(HttpStatusCode.TooManyRequests);

        await CheckAtAsync(teams, FirstMonday);

        var calls = teams.CallsTo(Channel);
        Assert.Equal([429, 201], calls.Select(c => c.Status));
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(1));
        var latest = await LatestAsync(teams);
        Assert.Equal(DigestPeriodState.Sent, latest.State);
        Assert.Equal("message-1", latest.MessageId);
    }

    [Fact]
    public async Task A_digest_answered_500_then_201_is_posted_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.Fail(HttpStatusCode.InternalServerError);

        await CheckAtAsync(teams, FirstMonday);

        Assert.Equal([500, 201], teams.CallsTo(Channel).Select(c => c.Status));
        Assert.Equal(DigestPeriodState.Sent, (await LatestAsync(teams)).State);
    }

    [Fact]
    public async Task A_digest_not_answered_in_time_is_not_posted_again_but_recorded_unknown_and_the_next_week_goes_out_on_time()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout);
        await teams.WarmUpAsync();
        teams.Connector.TimeOut();

        await CheckAtAsync(teams, FirstMonday);
        await CheckAtAsync(teams, FirstMonday.AddMinutes(1));

        Assert.Equal([0], teams.CallsTo(Channel).Select(c => c.Status));
        var unknown = await LatestAsync(teams);
        Assert.Equal(DigestPeriodState.Unknown, unknown.State);

        await CheckAtAsync(teams, FirstMonday.AddDays(7));

        Assert.Equal([0, 201], teams.CallsTo(Channel).Select(c => c.Status));
        var next = await LatestAsync(teams);
        Assert.Equal(DigestPeriodState.Sent, next.State);
        Assert.Equal(unknown.End, next.Start);
    }

    [Fact]
    public async Task A_digest_post_Teams_does_not_answer_tells_the_moderator_to_check_the_channel_and_the_preview_says_so_too()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout);
        await teams.WarmUpAsync();
        teams.Connector.TimeOut();
        teams.Time.SetUtcNow(FirstMonday.AddDays(-2));

        var posted = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId, ConversationKind.Personal));
        var preview = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest", TestBot.ModeratorAadId, ConversationKind.Personal));

        Assert.Contains("may or may not be in the group channel", posted.Texts(), StringComparison.Ordinal);
        Assert.Contains("Check the channel", preview.Texts(), StringComparison.Ordinal);
        Assert.Single(teams.CallsTo(Channel));
    }

    [Fact]
    public async Task A_bot_stopped_while_Teams_holds_the_digest_post_leaves_no_claim_behind_and_the_restarted_bot_posts_on_time()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(settings: new Dictionary<string, string?> { ["Digest:Tick"] = "00:00:05" });
        teams.Connector.TimeOut(int.MaxValue);
        var service = teams.Bot.Services.GetServices<IHostedService>().OfType<DigestBackgroundService>().Single();
        teams.Time.SetUtcNow(FirstMonday.AddSeconds(-5));
        await service.StartAsync(CancellationToken.None);
        await teams.UntilAsync(() => teams.CallsTo(Channel).Count == 1);

        // SIGTERM while Teams holds the post.
        await service.StopAsync(CancellationToken.None);

        var interrupted = await LatestAsync(teams);
        Assert.Equal(DigestPeriodState.Unknown, interrupted.State);
        teams.Connector.Heal();

        // Restarted a minute later, well within StaleClaimAfter: `digest post` is not refused as busy, and the
        // next scheduled digest goes out at its time.
        teams.Time.SetUtcNow(FirstMonday.AddMinutes(1));
        var posted = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId, ConversationKind.Channel));
        await CheckAtAsync(teams, FirstMonday.AddDays(7));

        Assert.Contains("was posted", posted.Texts(), StringComparison.Ordinal);
        Assert.Equal(2, teams.DeliveredTo(Channel));
        Assert.Equal(3, teams.CallsTo(Channel).Count);
    }

    [Fact]
    public async Task A_digest_Teams_keeps_failing_is_recorded_failed_not_sent_and_the_next_check_posts_it_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.InternalServerError);

        await CheckAtAsync(teams, FirstMonday);

        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(Channel).Count);
        var failed = await LatestAsync(teams);
        Assert.Equal(DigestPeriodState.Failed, failed.State);
        Assert.Null(failed.MessageId);
        Assert.Contains("HTTP 500", failed.LastError, StringComparison.Ordinal);
        Assert.True(teams.Logs.Contains(LogLevel.Error, "it is retried at the next check"));

        teams.Connector.Heal();
        await CheckAtAsync(teams, FirstMonday.AddMinutes(1));
        await CheckAtAsync(teams, FirstMonday.AddMinutes(2));

        Assert.Equal(1, teams.DeliveredTo(Channel));
        var sent = await LatestAsync(teams);
        Assert.Equal(DigestPeriodState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task The_background_service_outlives_a_digest_Teams_keeps_failing_and_posts_it_once_Teams_recovers()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(settings: new Dictionary<string, string?> { ["Digest:Tick"] = "00:00:05" });
        teams.Connector.FailForever(HttpStatusCode.ServiceUnavailable);
        var service = teams.Bot.Services.GetServices<IHostedService>().OfType<DigestBackgroundService>().Single();
        teams.Time.SetUtcNow(FirstMonday.AddSeconds(-5));

        await service.StartAsync(CancellationToken.None);
        try
        {
            await teams.UntilAsync(() => teams.CallsTo(Channel).Count >= FaultyTeams.MaxAttempts);
            teams.Connector.Heal();

            // The period is recorded as sent just after Teams took the post.
            await teams.UntilAsync(() => teams.DeliveredTo(Channel) == 1 && LatestAsync(teams).GetAwaiter().GetResult().State == DigestPeriodState.Sent);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.False(service.ExecuteTask!.IsFaulted);
        Assert.Equal(1, teams.DeliveredTo(Channel));
        Assert.Equal(DigestPeriodState.Sent, (await LatestAsync(teams)).State);
    }

    [Fact]
    public async Task A_team_that_removed_the_bot_gets_one_attempt_and_a_stopped_schedule_while_another_team_still_gets_its_digests()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        await teams.Bot.AddToTeamAsync(OtherTeam, OtherChannel);
        teams.Connector.FailForever(HttpStatusCode.Forbidden, Channel);

        await CheckAtAsync(teams, FirstMonday);
        await CheckAtAsync(teams, FirstMonday.AddDays(7));

        Assert.Single(teams.CallsTo(Channel));
        var stopped = await teams.Bot.Get<DigestStore>().GetTeamAsync(TestBot.TeamId, CancellationToken.None);
        Assert.Contains("403", stopped!.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(2, teams.DeliveredTo(OtherChannel));
    }

    [Fact]
    public async Task Digest_post_that_Teams_keeps_failing_tells_the_moderator_it_will_be_retried()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.BadGateway);
        teams.Time.SetUtcNow(FirstMonday.AddDays(-2));

        var replies = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId, ConversationKind.Channel));

        Assert.Contains("retried at the next check", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal(DigestPeriodState.Failed, (await LatestAsync(teams)).State);
    }

    [Fact]
    public async Task A_preview_Teams_keeps_failing_in_the_moderators_chat_asks_them_to_try_again()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.ModeratorAadId]);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, ModeratorChat);

        var replies = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest", TestBot.ModeratorAadId, ConversationKind.Channel));

        Assert.Contains("Try again in a moment", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(ModeratorChat).Count);
        Assert.Empty(teams.CallsTo(Channel));
    }

    [Fact]
    public async Task A_preview_to_a_moderator_who_removed_the_bot_is_tried_once_and_says_how_to_get_it()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.ModeratorAadId]);
        teams.Connector.FailForever(HttpStatusCode.Forbidden, ModeratorChat);

        var replies = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest", TestBot.ModeratorAadId, ConversationKind.Channel));

        Assert.Contains("Install the bot for yourself", replies.Texts(), StringComparison.Ordinal);
        Assert.Single(teams.CallsTo(ModeratorChat));
    }

    [Fact]
    public async Task A_preview_answered_429_reaches_the_moderators_chat_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.ModeratorAadId]);
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, conversationId: ModeratorChat);

        var replies = await teams.RunAsync(() => teams.Bot.SendTextAsync("digest", TestBot.ModeratorAadId, ConversationKind.Channel));

        Assert.Contains("only you see it", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal([429, 201], teams.CallsTo(ModeratorChat).Select(c => c.Status));
        Assert.Contains(Title, teams.CallsTo(ModeratorChat)[^1].Body, StringComparison.Ordinal);
    }

    private static Task CheckAtAsync(FaultyTeams teams, DateTimeOffset at)
    {
        teams.Time.SetUtcNow(at);
        return teams.RunAsync(() => teams.Bot.Get<DigestService>().RunDueAsync(CancellationToken.None));
    }

    private static async Task<DigestPeriodRecord> LatestAsync(FaultyTeams teams)
        => (await teams.Bot.Get<DigestStore>().LatestPeriodAsync(TestBot.TeamId, CancellationToken.None))!.Value;
}
