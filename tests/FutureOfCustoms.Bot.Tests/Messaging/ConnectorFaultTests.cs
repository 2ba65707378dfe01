using System.Net;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Tests.Support;
using FutureOfCustoms.Testing;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Bot.Tests.Messaging;

/// <summary>The real Teams messenger against a fake connector answering with scripted faults.</summary>
public sealed class ConnectorFaultTests
{
    private const string Channel = TestBot.ChannelConversationId;
    private static readonly OutgoingMessage Hello = OutgoingMessage.FromText("Hello");
    private static readonly UserRef Member = new($"29:{TestBot.MemberAadId}", TestBot.NameOf(TestBot.MemberAadId), TestBot.MemberAadId);

    [Fact]
    public async Task A_post_answered_429_is_sent_again_after_its_Retry_After_and_delivered_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.Fail(HttpStatusCode.TooManyRequests);

        var id = await teams.RunAsync(() => teams.Messenger.SendAsync(Channel, Hello, CancellationToken.None));

        var calls = teams.CallsTo(Channel);
        Assert.Equal([429, 201], calls.Select(c => c.Status));
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(1), $"Retried after {calls[1].ReceivedAt - calls[0].ReceivedAt}, before the 1 s Retry-After.");
        Assert.Equal("message-1", id);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_post_answered_with_a_server_error_is_sent_again_and_delivered_once(HttpStatusCode status)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.RetryAfter = null;
        teams.Connector.Fail(status);

        await teams.RunAsync(() => teams.Messenger.SendAsync(Channel, Hello, CancellationToken.None));

        Assert.Equal([(int)status, 201], teams.CallsTo(Channel).Select(c => c.Status));
    }

    [Fact]
    public async Task A_post_Teams_keeps_failing_is_tried_a_bounded_number_of_times_then_reported_not_delivered()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.InternalServerError);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => teams.RunAsync(() => teams.Messenger.SendAsync(Channel, Hello, CancellationToken.None)));

        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(Channel).Count);
        Assert.Equal(0, teams.DeliveredTo(Channel));
        Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_not_answered_in_time_is_not_posted_a_second_time_and_is_reported_unknown()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout);
        await teams.WarmUpAsync();
        teams.Connector.TimeOut();

        var failure = await Assert.ThrowsAsync<DeliveryUnknownException>(() => teams.RunAsync(() => teams.Messenger.SendAsync(Channel, Hello, CancellationToken.None)));

        // Teams may have posted the first one: the bot never sends it again blindly.
        Assert.Single(teams.CallsTo(Channel));
        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
        Assert.True(teams.Logs.Contains(LogLevel.Error, "outcome is unknown"));
    }

    [Fact]
    public async Task A_card_update_never_answered_is_given_up_after_the_attempts_as_not_delivered_not_as_a_cancellation()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, new Dictionary<string, string?> { ["Connector:MaxAttempts"] = "2" });
        await teams.WarmUpAsync();
        teams.Connector.TimeOut(int.MaxValue);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => teams.RunAsync(() => teams.Messenger.UpdateAsync(Channel, "message-7", Hello, CancellationToken.None)));

        Assert.IsNotType<DeliveryUnknownException>(failure);
        Assert.Equal(2, teams.CallsTo(Channel).Count);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task A_post_refused_because_the_bot_was_removed_is_tried_once_and_reported_unavailable(HttpStatusCode status)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(status);

        await Assert.ThrowsAsync<ConversationUnavailableException>(() => teams.RunAsync(() => teams.Messenger.SendAsync(Channel, Hello, CancellationToken.None)));

        Assert.Single(teams.CallsTo(Channel));
    }

    [Fact]
    public async Task A_card_update_answered_429_then_500_is_applied_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.Fail(HttpStatusCode.TooManyRequests);
        teams.Connector.Fail(HttpStatusCode.InternalServerError);

        await teams.RunAsync(() => teams.Messenger.UpdateAsync(Channel, "message-7", Hello, CancellationToken.None));

        var calls = teams.CallsTo(Channel);
        Assert.Equal([429, 500, 200], calls.Select(c => c.Status));
        Assert.All(calls, c => Assert.EndsWith("/activities/message-7", c.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_update_of_a_removed_bot_is_tried_once_and_reported_unavailable()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.Forbidden);

        await Assert.ThrowsAsync<ConversationUnavailableException>(() => teams.RunAsync(() => teams.Messenger.UpdateAsync(Channel, "message-7", Hello, CancellationToken.None)));

        Assert.Single(teams.CallsTo(Channel));
    }

    [Fact]
    public async Task A_card_update_not_answered_in_time_is_applied_on_the_next_attempt()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout);
        await teams.WarmUpAsync();
        teams.Connector.TimeOut();

        await teams.RunAsync(() => teams.Messenger.UpdateAsync(Channel, "message-7", Hello, CancellationToken.None));

        Assert.Equal([0, 200], teams.CallsTo(Channel).Select(c => c.Status));
    }

    [Fact]
    public async Task A_1to1_message_to_a_member_without_a_chat_opens_one_despite_a_429_and_is_delivered_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, calls: ConnectorCalls.NewChats);
        teams.Connector.Fail(HttpStatusCode.ServiceUnavailable);

        await teams.RunAsync(() => teams.Messenger.SendToUserAsync(Member, TestBot.TenantId, Hello, CancellationToken.None));

        Assert.Equal([429, 201], teams.CallsTo("(new chat)").Select(c => c.Status));
        var chat = Assert.Single(teams.Connector.Posts, p => p.ConversationId.StartsWith("a:chat-", StringComparison.Ordinal) && p.Delivered);
        Assert.Contains("Hello", chat.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_1to1_chat_Teams_refuses_to_open_is_tried_once_and_reported_unavailable()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.Forbidden, calls: ConnectorCalls.NewChats);

        await Assert.ThrowsAsync<ConversationUnavailableException>(() => teams.RunAsync(() => teams.Messenger.SendToUserAsync(Member, TestBot.TenantId, Hello, CancellationToken.None)));

        Assert.Single(teams.CallsTo("(new chat)"));
    }

    [Fact]
    public async Task A_1to1_message_in_a_known_chat_answered_500_is_delivered_once()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.MemberAadId]);
        teams.Connector.Fail(HttpStatusCode.InternalServerError);

        await teams.RunAsync(() => teams.Messenger.SendToUserAsync(Member, TestBot.TenantId, Hello, CancellationToken.None));

        Assert.Equal([500, 201], teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.MemberAadId)).Select(c => c.Status));
        Assert.Empty(teams.CallsTo("(new chat)"));
    }

    [Fact]
    public async Task A_roster_read_answered_429_then_500_is_retried_and_returns_the_members()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.MemberAadId, TestBot.OtherMemberAadId]);
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, calls: ConnectorCalls.Roster);
        teams.Connector.Fail(HttpStatusCode.InternalServerError, calls: ConnectorCalls.Roster);

        var members = await teams.RunAsync(() => teams.Messenger.GetMembersAsync(Channel, CancellationToken.None));

        Assert.Equal([TestBot.MemberAadId, TestBot.OtherMemberAadId], members.Select(m => m.AadObjectId));
        Assert.Equal([429, 500, 200], teams.RosterReadsOf(Channel).Select(c => c.Status));
    }

    [Fact]
    public async Task A_roster_read_Teams_keeps_failing_is_reported_not_delivered_after_the_attempts()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.BadGateway, calls: ConnectorCalls.Roster);

        await Assert.ThrowsAsync<DeliveryFailedException>(() => teams.RunAsync(() => teams.Messenger.GetMembersAsync(Channel, CancellationToken.None)));

        Assert.Equal(FaultyTeams.MaxAttempts, teams.RosterReadsOf(Channel).Count);
    }

    [Fact]
    public async Task A_roster_read_of_a_removed_bot_is_tried_once_and_reported_unavailable()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync();
        teams.Connector.FailForever(HttpStatusCode.Forbidden, calls: ConnectorCalls.Roster);

        await Assert.ThrowsAsync<ConversationUnavailableException>(() => teams.RunAsync(() => teams.Messenger.GetMembersAsync(Channel, CancellationToken.None)));

        Assert.Single(teams.RosterReadsOf(Channel));
    }

    [Fact]
    public async Task Paced_nudges_go_on_past_a_member_who_removed_the_bot_and_one_whose_chat_keeps_failing_and_report_both()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId));
        teams.Connector.FailForever(HttpStatusCode.Forbidden, FaultyTeams.PersonalChatOf(TestBot.MemberAadId));
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, conversationId: FaultyTeams.PersonalChatOf(TestBot.OtherMemberAadId));
        UserRef[] users = [.. FaultyTeams.Everyone.Select(a => new UserRef($"29:{a}", TestBot.NameOf(a), a))];

        var report = await teams.RunAsync(() => teams.Bot.Get<PacedSender>().SendAsync(users, TestBot.TenantId, _ => Hello, CancellationToken.None));

        Assert.Equal([TestBot.OtherMemberAadId], report.Sent.Select(u => u.AadObjectId));
        Assert.Equal([TestBot.MemberAadId], report.Unreachable.Select(u => u.AadObjectId));
        Assert.Equal([TestBot.ModeratorAadId], report.Failed.Select(u => u.AadObjectId));
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId)).Count);
        Assert.Single(teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.MemberAadId)));
        Assert.Equal(1, teams.DeliveredTo(FaultyTeams.PersonalChatOf(TestBot.OtherMemberAadId)));
    }
}
