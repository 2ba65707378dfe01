using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;
using FutureOfCustoms.Testing;
using Microsoft.Bot.Schema;

namespace FutureOfCustoms.Bot.Tests.Suggestions;

/// <summary>A review's notice to the author and its update of the posted card, through the real Teams messenger against scripted faults.</summary>
public sealed class SuggestionFaultTests
{
    private const string Channel = TestBot.ChannelConversationId;
    private const string PostedCard = "card-message-1";
    private static readonly string AuthorChat = FaultyTeams.PersonalChatOf(TestBot.MemberAadId);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_review_notice_answered_with_a_transient_fault_reaches_the_author_once(HttpStatusCode fault)
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.MemberAadId]);
        var suggestion = await SuggestAsync(teams);
        teams.Connector.Fail(fault, conversationId: AuthorChat);

        await DeclineAsync(teams, suggestion);

        Assert.Equal([(int)fault, 201], teams.CallsTo(AuthorChat).Select(c => c.Status));
        Assert.Contains("declined", teams.CallsTo(AuthorChat)[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_notice_not_answered_in_time_is_not_sent_to_the_author_a_second_time()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, members: [TestBot.MemberAadId]);
        await teams.WarmUpAsync();
        var suggestion = await SuggestAsync(teams);
        teams.Connector.TimeOut(conversationId: AuthorChat);

        await DeclineAsync(teams, suggestion);

        Assert.Equal([0], teams.CallsTo(AuthorChat).Select(c => c.Status));
    }

    [Fact]
    public async Task A_review_whose_notice_and_card_update_Teams_keeps_failing_is_still_saved_and_shown_to_the_moderator()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.MemberAadId]);
        var suggestion = await SuggestAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.InternalServerError, AuthorChat);
        teams.Connector.FailForever(HttpStatusCode.BadGateway, Channel, ConnectorCalls.Edits);

        var replies = await DeclineAsync(teams, suggestion);

        Assert.Contains("declined", replies.InvokeCard().AllText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SuggestionStatus.Declined, (await teams.Bot.Get<SuggestionRepository>().GetAsync(suggestion.Id, CancellationToken.None))!.Value.Status);
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(AuthorChat).Count);
        Assert.Equal(FaultyTeams.MaxAttempts, teams.CallsTo(Channel).Count(c => c.Path.EndsWith("/" + PostedCard, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_review_whose_author_removed_the_bot_notifies_once_and_still_updates_the_posted_card()
    {
        await using var teams = await FaultyTeams.StartInTeamAsync(members: [TestBot.MemberAadId]);
        var suggestion = await SuggestAsync(teams);
        teams.Connector.FailForever(HttpStatusCode.Forbidden, AuthorChat);

        await DeclineAsync(teams, suggestion);

        Assert.Single(teams.CallsTo(AuthorChat));
        var update = Assert.Single(teams.CallsTo(Channel), c => c.Path.EndsWith("/" + PostedCard, StringComparison.Ordinal));
        Assert.True(update.Delivered);
    }

    /// <summary>The member suggests from a card posted in the channel; the moderator reviews it from elsewhere.</summary>
    private static async Task<Suggestion> SuggestAsync(FaultyTeams teams)
    {
        var card = (await teams.Bot.SendTextAsync("suggest", TestBot.MemberAadId, ConversationKind.Channel)).Card();
        var cardId = card.ToJsonString().Split("\"cardId\":\"")[1][..32];
        await teams.Bot.ExecuteAsync("suggestions.submit", SuggestionTests.Data(cardId), TestBot.MemberAadId, ConversationKind.Channel, PostedCard);
        return Assert.Single(await teams.Bot.Get<SuggestionRepository>().ListAsync(CancellationToken.None));
    }

    private static Task<IReadOnlyList<Activity>> DeclineAsync(FaultyTeams teams, Suggestion suggestion)
        => teams.RunAsync(() => teams.Bot.ExecuteAsync("suggestions.decline", new JsonObject { ["id"] = suggestion.Id, ["reason"] = "Covered by the SAFE WG" }, TestBot.ModeratorAadId));
}
