using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using FutureOfCustoms.Testing;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>Poll launch, card updates, results and reminders through the real Teams messenger, against a connector answering with scripted faults.</summary>
public sealed class PollFaultTests
{
    private const string Channel = TestBot.ChannelConversationId;
    private const string GroupChat = TestBot.GroupChatConversationId;

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_launch_answered_with_a_transient_fault_posts_the_card_once_and_opens_the_poll(HttpStatusCode fault)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var draft = await DraftAsync(teams);
        teams.Connector.Fail(fault);

        var said = Said(await LaunchAsync(teams, draft));

        Assert.Contains("is posted", said, StringComparison.Ordinal);
        Assert.Equal([(int)fault, 201], teams.CallsTo(Channel).Select(c => c.Status));
        var poll = await GetAsync(teams, draft);
        Assert.Equal(PollStatus.Open, poll.Status);
        Assert.Equal("message-1", poll.MessageId);
    }

    [Fact]
    public async Task A_launch_not_answered_in_time_is_not_posted_a_second_time()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, members: FaultyTeams.Everyone);
        await teams.WarmUpAsync();
        var draft = await DraftAsync(teams);
        teams.Connector.TimeOut();

        await LaunchAsync(teams, draft);

        Assert.Equal([0], teams.CallsTo(Channel).Select(c => c.Status));
    }

    [Fact]
    public async Task A_launch_Teams_keeps_failing_leaves_a_draft_the_moderator_can_launch_again()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var draft = await DraftAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError);

        var said = Said(await LaunchAsync(teams, draft));

        Assert.Contains("still a draft", said, StringComparison.Ordinal);
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(Channel).Count);
        var unlaunched = await GetAsync(teams, draft);
        Assert.Equal(PollStatus.Draft, unlaunched.Status);
        Assert.Null(unlaunched.MessageId);
        Assert.Null(unlaunched.LaunchedAt);

        teams.Connector.Heal();
        await LaunchAsync(teams, draft);

        Assert.Equal(1, teams.DeliveredTo(Channel));
        Assert.Equal(PollStatus.Open, (await GetAsync(teams, draft)).Status);
    }

    [Fact]
    public async Task A_launch_where_the_bot_was_removed_is_tried_once_and_leaves_a_draft()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var draft = await DraftAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.Forbidden);

        var said = Said(await LaunchAsync(teams, draft));

        Assert.Contains("is the bot still installed here", said, StringComparison.Ordinal);
        Assert.Single(teams.CallsTo(Channel));
        Assert.Equal(PollStatus.Draft, (await GetAsync(teams, draft)).Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_card_update_after_a_vote_answered_with_a_transient_fault_is_applied_once(HttpStatusCode fault)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.Fail(fault, calls: ConnectorCalls.Edits);

        await VoteAsync(teams, poll, TestBot.MemberAadId);
        await teams.UntilAsync(() => CardUpdates(teams).Any(c => c.Delivered));

        Assert.Equal([(int)fault, 200], CardUpdates(teams).Select(c => c.Status));
    }

    [Fact]
    public async Task A_launch_while_Teams_keeps_failing_the_roster_still_posts_the_card_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var draft = await DraftAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, Channel, ConnectorCalls.Roster);

        await LaunchAsync(teams, draft);

        Assert.Equal(FaultyTeams.MaxAttempts, teams.RosterReadsOf(Channel).Count);
        Assert.Equal(1, teams.DeliveredTo(Channel));
        Assert.Equal(PollStatus.Open, (await GetAsync(teams, draft)).Status);
    }

    [Fact]
    public async Task A_vote_whose_card_update_Teams_keeps_failing_is_still_counted_and_the_next_vote_brings_the_card_up_to_date()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, calls: ConnectorCalls.Edits);

        var replies = await VoteAsync(teams, poll, TestBot.MemberAadId);
        await teams.UntilAsync(() => CardUpdates(teams).Count == FaultyTeams.MaxAttempts);

        Assert.Contains("1 of 3 members has voted", replies.InvokeCard().AllText(), StringComparison.Ordinal);
        Assert.Single(await teams.Bot.Get<PollStore>().BallotsAsync(poll.Id, CancellationToken.None));

        teams.Connector.Heal();
        await VoteAsync(teams, poll, TestBot.OtherMemberAadId);
        await teams.UntilAsync(() => CardUpdates(teams).Any(c => c.Delivered));

        var update = Assert.Single(CardUpdates(teams), c => c.Delivered);
        Assert.Contains("2 of 3 members have voted", update.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_whose_card_is_gone_gets_one_update_attempt_and_is_still_counted()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.NotFound, calls: ConnectorCalls.Edits);

        await VoteAsync(teams, poll, TestBot.MemberAadId);
        await teams.UntilAsync(() => CardUpdates(teams).Count == 1);
        await teams.RunAsync(() => Task.Delay(50));

        Assert.Single(CardUpdates(teams));
        Assert.Single(await teams.Bot.Get<PollStore>().BallotsAsync(poll.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Results_answered_429_are_posted_once_and_recorded_as_posted()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, calls: ConnectorCalls.Posts);

        var said = Said(await CloseAsync(teams, poll));

        Assert.Contains("the results are posted", said, StringComparison.Ordinal);
        Assert.Equal([429, 201], ResultsPosts(teams, poll).Select(c => c.Status));
        Assert.Equal(ResultsDelivery.Posted, (await GetAsync(teams, poll)).ResultsDelivery);
    }

    [Fact]
    public async Task Results_not_answered_in_time_are_not_posted_again_and_the_moderator_is_told_to_check()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.TimeOut(calls: ConnectorCalls.Posts);

        var said = Said(await CloseAsync(teams, poll));
        await teams.RunAsync(() => teams.Bot.Get<PollService>().CloseDueAsync(CancellationToken.None));

        Assert.Contains("may or may not be in the conversation", said, StringComparison.Ordinal);
        Assert.Equal([0], ResultsPosts(teams, poll).Select(c => c.Status));
        Assert.Equal(ResultsDelivery.Unknown, (await GetAsync(teams, poll)).ResultsDelivery);
    }

    [Fact]
    public async Task Closing_a_poll_whose_results_Teams_keeps_failing_tells_the_moderator_and_the_next_check_posts_them_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.BadGateway, calls: ConnectorCalls.Posts);

        var said = Said(await CloseAsync(teams, poll));

        Assert.Contains("did not take the results", said, StringComparison.Ordinal);
        Assert.Equal(FaultyTeams.MaxAttempts, ResultsPosts(teams, poll).Count);
        var closed = await GetAsync(teams, poll);
        Assert.Equal(PollStatus.Closed, closed.Status);
        Assert.Equal(ResultsDelivery.Failed, closed.ResultsDelivery);
        Assert.True(teams.Logs.Contains(LogLevel.Error, "the closing service tries again"));

        teams.Connector.Heal();
        var polls = teams.Bot.Get<PollService>();
        await teams.RunAsync(() => polls.CloseDueAsync(CancellationToken.None));
        await teams.RunAsync(() => polls.CloseDueAsync(CancellationToken.None));

        Assert.Single(ResultsPosts(teams, poll), c => c.Delivered);
        Assert.Equal(ResultsDelivery.Posted, (await GetAsync(teams, poll)).ResultsDelivery);
    }

    [Fact]
    public async Task The_closing_service_outlives_results_Teams_keeps_failing_and_posts_them_once_Teams_recovers()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone, settings: new Dictionary<string, string?> { ["Polls:CloseCheckInterval"] = "00:00:05" });
        var poll = await LaunchedAsync(teams, PollDriver.Form(closeDate: "2026-11-23", closeTime: "10:00"));
        teams.Connector.FailForever(HttpStatusCode.ServiceUnavailable, calls: ConnectorCalls.Posts);
        var service = teams.Bot.Get<IEnumerable<IHostedService>>().OfType<PollClosingService>().Single();
        teams.Time.SetUtcNow(poll.ClosesAt!.Value.AddSeconds(-5));

        await service.StartAsync(CancellationToken.None);
        try
        {
            await teams.UntilAsync(() => ResultsPosts(teams, poll).Count >= FaultyTeams.MaxAttempts);
            teams.Connector.Heal();
            await teams.UntilAsync(() => ResultsPosts(teams, poll).Any(c => c.Delivered));
            await teams.RunAsync(() => Task.Delay(50));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.False(service.ExecuteTask!.IsFaulted);
        Assert.Single(ResultsPosts(teams, poll), c => c.Delivered);
        Assert.Equal(ResultsDelivery.Posted, (await GetAsync(teams, poll)).ResultsDelivery);
    }

    [Fact]
    public async Task Results_where_the_bot_was_removed_are_tried_once_never_retried_and_another_polls_results_still_go_out()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        await teams.Bot.SendTextAsync("help", TestBot.ModeratorAadId, ConversationKind.GroupChat);
        var gone = await LaunchedAsync(teams);
        var other = await LaunchedAsync(teams, kind: ConversationKind.GroupChat);
        teams.Connector.FailForever(HttpStatusCode.Forbidden, Channel);
        var polls = teams.Bot.Get<PollService>();

        var closed = await teams.RunAsync(() => polls.CloseAsync(gone.Id, CancellationToken.None));
        await teams.RunAsync(() => polls.CloseAsync(other.Id, CancellationToken.None));
        await teams.RunAsync(() => polls.CloseDueAsync(CancellationToken.None));

        Assert.Equal(ResultsDelivery.Unreachable, closed!.ResultsDelivery);
        Assert.Single(ResultsPosts(teams, gone));
        Assert.Single(teams.CallsTo(Channel), c => c.Path.EndsWith("/message-1", StringComparison.Ordinal));
        Assert.Single(ResultsPosts(teams, other, GroupChat), c => c.Delivered);
        Assert.Equal(ResultsDelivery.Posted, (await GetAsync(teams, other)).ResultsDelivery);
    }

    [Fact]
    public async Task Reminders_go_on_past_a_member_who_removed_the_bot_and_one_Teams_keeps_failing()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, conversationId: FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId));
        teams.Connector.FailForever(HttpStatusCode.Forbidden, FaultyTeams.PersonalChatOf(TestBot.MemberAadId));
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, FaultyTeams.PersonalChatOf(TestBot.OtherMemberAadId));

        var (count, sending) = await teams.RunAsync(() => teams.Bot.Get<PollService>().RemindNonVotersAsync(poll, CancellationToken.None));
        await teams.RunAsync(() => sending);

        Assert.Equal(3, count);
        Assert.Equal([429, 201], teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId)).Select(c => c.Status));
        Assert.Single(teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.MemberAadId)));
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.OtherMemberAadId)).Count);
        Assert.True(teams.Logs.Contains(LogLevel.Warning, "Teams did not take the 1:1 message"));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "Nobody was reminded: try again", FaultyTeams.MaxAttempts)]
    [InlineData(HttpStatusCode.Forbidden, "can no longer reach", 1)]
    public async Task A_remind_without_a_roster_says_why_and_reminds_nobody(HttpStatusCode fault, string said, int reads)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        var before = teams.RosterReadsOf(Channel).Count;
        teams.Connector.FailForever(fault, Channel, ConnectorCalls.Roster);

        var replies = await teams.RunAsync(() => teams.Bot.ExecuteAsync(PollCommands.Remind, new JsonObject { ["pollId"] = poll.Id }, TestBot.ModeratorAadId, ConversationKind.Channel));

        Assert.Contains(said, Said(replies), StringComparison.Ordinal);
        Assert.Equal(reads, teams.RosterReadsOf(Channel).Count - before);
        Assert.DoesNotContain(teams.Connector.Posts, p => p.ConversationId.StartsWith("a:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reminder_not_answered_in_time_is_not_sent_a_second_time()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, members: FaultyTeams.Everyone);
        var poll = await LaunchedAsync(teams);
        await VoteAsync(teams, poll, TestBot.ModeratorAadId);
        await VoteAsync(teams, poll, TestBot.OtherMemberAadId);
        teams.Connector.TimeOut(conversationId: FaultyTeams.PersonalChatOf(TestBot.MemberAadId));

        var (_, sending) = await teams.RunAsync(() => teams.Bot.Get<PollService>().RemindNonVotersAsync(poll, CancellationToken.None));
        await teams.RunAsync(() => sending);

        Assert.Equal([0], teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.MemberAadId)).Select(c => c.Status));
    }

    private static async Task<Poll> DraftAsync(FaultyTeams teams, JsonObject? form = null, ConversationKind kind = ConversationKind.Channel)
    {
        var store = teams.Bot.Get<PollStore>();
        var before = (await store.ListAsync(CancellationToken.None)).Select(p => p.Id).ToHashSet();
        await PollDriver.PreviewAsync(teams.Bot, form ?? PollDriver.Form(), PollDraft.NewDialogKey(), TestBot.ModeratorAadId, kind);
        return (await store.ListAsync(CancellationToken.None)).Single(p => !before.Contains(p.Id));
    }

    private static Task<IReadOnlyList<Activity>> LaunchAsync(FaultyTeams teams, Poll draft, ConversationKind kind = ConversationKind.Channel)
        => teams.RunAsync(() => teams.Bot.ExecuteAsync(PollCommands.Launch, new JsonObject { ["pollId"] = draft.Id }, TestBot.ModeratorAadId, kind));

    private static async Task<Poll> LaunchedAsync(FaultyTeams teams, JsonObject? form = null, ConversationKind kind = ConversationKind.Channel)
    {
        var draft = await DraftAsync(teams, form, kind);
        await LaunchAsync(teams, draft, kind);
        var poll = await GetAsync(teams, draft);
        Assert.Equal(PollStatus.Open, poll.Status);
        return poll;
    }

    private static Task<IReadOnlyList<Activity>> VoteAsync(FaultyTeams teams, Poll poll, string aadObjectId)
        => teams.RunAsync(() => teams.Bot.ExecuteAsync(PollCards.VoteVerb, new JsonObject { ["pollId"] = poll.Id, ["choices"] = "1" }, aadObjectId, ConversationKind.Channel));

    private static Task<IReadOnlyList<Activity>> CloseAsync(FaultyTeams teams, Poll poll)
        => teams.RunAsync(() => teams.Bot.ExecuteAsync(PollCommands.Close, new JsonObject { ["pollId"] = poll.Id, ["confirm"] = "true" }, TestBot.ModeratorAadId, ConversationKind.Channel));

    private static async Task<Poll> GetAsync(FaultyTeams teams, Poll poll) => (await teams.Bot.Get<PollStore>().GetAsync(poll.Id, CancellationToken.None))!;

    private static string Said(IReadOnlyList<Activity> replies) => (string?)replies.InvokeResponse().Value ?? string.Empty;

    private static List<ConnectorPost> CardUpdates(FaultyTeams teams) => [.. teams.CallsTo(Channel).Where(c => c.Path.EndsWith("/message-1", StringComparison.Ordinal))];

    private static List<ConnectorPost> ResultsPosts(FaultyTeams teams, Poll poll, string conversationId = Channel)
        => [.. teams.CallsTo(conversationId).Where(c => c.Body.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, PollsStrings.Results_Title, poll.Question), StringComparison.Ordinal))];
}
