using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Tests.Support;
using FutureOfCustoms.Testing;
using Microsoft.Bot.Schema;

namespace FutureOfCustoms.Bot.Tests.Discussion;

/// <summary>Posting a discussion, keeping its cards current and reminding members, through the real Teams messenger against scripted faults.</summary>
public sealed class DiscussionFaultTests
{
    private const string Channel = TestBot.ChannelConversationId;
    private const string GroupChat = TestBot.GroupChatConversationId;

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_discussion_post_answered_with_a_transient_fault_is_posted_once_and_remembered(HttpStatusCode fault)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        teams.Connector.Fail(fault);

        var replies = await DiscussAsync(teams);

        Assert.Contains("are posted", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal([(int)fault, 201], teams.CallsTo(Channel).Select(c => c.Status));
        Assert.Equal("message-1", Assert.Single(await PostsAsync(teams)).MessageId);
    }

    [Fact]
    public async Task A_discussion_post_not_answered_in_time_is_not_posted_a_second_time()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, members: FaultyTeams.Everyone);
        await teams.WarmUpAsync();
        teams.Connector.TimeOut();

        await DiscussAsync(teams);

        Assert.Equal([0], teams.CallsTo(Channel).Select(c => c.Status));
    }

    [Fact]
    public async Task A_discussion_post_Teams_keeps_failing_says_so_and_remembers_no_card()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError);

        var replies = await DiscussAsync(teams);

        Assert.Contains("Teams did not answer just now", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(Channel).Count);
        Assert.Empty(await PostsAsync(teams));
    }

    [Fact]
    public async Task A_discussion_post_where_the_bot_was_removed_is_tried_once_and_remembers_no_card()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        teams.Connector.FailForever(HttpStatusCode.Forbidden);

        var replies = await DiscussAsync(teams);

        Assert.Contains("can no longer reach", replies.Texts(), StringComparison.Ordinal);
        Assert.Single(teams.CallsTo(Channel));
        Assert.Empty(await PostsAsync(teams));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task An_answer_whose_card_update_is_answered_with_a_transient_fault_updates_the_card_once(HttpStatusCode fault)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        await DiscussAsync(teams);
        teams.Connector.Fail(fault, calls: ConnectorCalls.Edits);

        await AnswerAsync(teams);

        Assert.Equal([(int)fault, 200], CardUpdates(teams, Channel).Select(c => c.Status));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task An_answer_is_saved_and_the_other_cards_updated_when_one_card_cannot_be(HttpStatusCode fault)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        await teams.Bot.SendTextAsync("help", TestBot.ModeratorAadId, ConversationKind.GroupChat);
        await DiscussAsync(teams);
        await DiscussAsync(teams, ConversationKind.GroupChat);
        teams.Connector.FailForever(fault, Channel, ConnectorCalls.Edits);

        var replies = await AnswerAsync(teams);

        Assert.Contains("is saved", replies.InvokeCard().AllText(), StringComparison.Ordinal);
        Assert.Single(await teams.Bot.Get<DiscussionStore>().AnswersAsync(AnnexIIIDiscussion.Name, CancellationToken.None));
        Assert.Equal(fault == HttpStatusCode.Forbidden ? 1 : FaultyTeams.MaxAttempts, CardUpdates(teams, Channel).Count);
        Assert.Single(CardUpdates(teams, GroupChat), c => c.Delivered);
    }

    [Fact]
    public async Task Reminders_go_on_past_a_member_who_removed_the_bot_and_one_Teams_keeps_failing_and_count_both_as_not_reached()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        await DiscussAsync(teams);
        teams.Connector.Fail(HttpStatusCode.TooManyRequests, conversationId: FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId));
        teams.Connector.FailForever(HttpStatusCode.Forbidden, FaultyTeams.PersonalChatOf(TestBot.MemberAadId));
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, FaultyTeams.PersonalChatOf(TestBot.OtherMemberAadId));

        var replies = await RemindAsync(teams);

        Assert.Contains("Reminders sent to 1 member; 2 could not be reached", replies.Card().AllText(), StringComparison.Ordinal);
        Assert.Equal(1, teams.DeliveredTo(FaultyTeams.PersonalChatOf(TestBot.ModeratorAadId)));
        Assert.Single(teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.MemberAadId)));
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(FaultyTeams.PersonalChatOf(TestBot.OtherMemberAadId)).Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "Teams did not answer just now", FaultyTeams.MaxAttempts)]
    [InlineData(HttpStatusCode.Forbidden, "can no longer reach", 1)]
    public async Task Reminders_without_a_roster_say_why_and_nudge_no_one(HttpStatusCode fault, string said, int reads)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: FaultyTeams.Everyone);
        await DiscussAsync(teams);
        teams.Connector.FailForever(fault, Channel, ConnectorCalls.Roster);

        var replies = await RemindAsync(teams);

        Assert.Contains(said, replies.Texts(), StringComparison.Ordinal);
        Assert.Equal(reads, teams.RosterReadsOf(Channel).Count);
        Assert.DoesNotContain(teams.Connector.Posts, p => p.ConversationId.StartsWith("a:", StringComparison.Ordinal));
    }

    private static Task<IReadOnlyList<Activity>> DiscussAsync(FaultyTeams teams, ConversationKind kind = ConversationKind.Channel)
        => teams.RunAsync(() => teams.Bot.SendTextAsync("discuss", TestBot.ModeratorAadId, kind));

    private static Task<IReadOnlyList<Activity>> AnswerAsync(FaultyTeams teams)
        => teams.RunAsync(() => teams.Bot.ExecuteAsync(
            "discussion.save",
            new JsonObject { ["discussion"] = AnnexIIIDiscussion.Name, ["question"] = 1, ["text"] = "Data first.", ["administration"] = "China Customs" },
            TestBot.MemberAadId,
            ConversationKind.Channel,
            "message-1"));

    private static Task<IReadOnlyList<Activity>> RemindAsync(FaultyTeams teams)
        => teams.RunAsync(() => teams.Bot.SendTextAsync("remind discussion", TestBot.ModeratorAadId));

    private static async Task<IReadOnlyList<DiscussionPost>> PostsAsync(FaultyTeams teams)
        => (await teams.Bot.Get<DiscussionStore>().FindAsync(AnnexIIIDiscussion.Name, CancellationToken.None))!.PostedAt;

    private static List<ConnectorPost> CardUpdates(FaultyTeams teams, string conversationId)
        => [.. teams.CallsTo(conversationId).Where(c => c.Path.Contains("/activities/message-", StringComparison.Ordinal))];
}
