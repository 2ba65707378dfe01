using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Knowledge.Answers;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace FutureOfCustoms.Bot.Tests.Board;

public sealed class BoardHttpTests
{
    private const string Conversation = "conversation=" + TestBot.ChannelConversationId;

    [Fact]
    public async Task A_member_sees_the_teams_polls_with_counts_and_without_voters()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var poll = await host.OpenPollAsync();
        await host.VoteAsync(poll, TestBot.MemberAadId, "2");
        await host.VoteAsync(poll, TestBot.OtherMemberAadId, "2");

        var polls = (JsonArray)await host.GetJsonAsync("/board/api/polls?" + Conversation, TestBot.MemberAadId);

        var shown = Assert.Single(polls)!;
        Assert.Equal(poll.Id, (string?)shown["id"]);
        Assert.Equal([0, 2, 0], shown["options"]!.AsArray().Select(o => (int)o!["votes"]!));
        Assert.Equal("2 votes", (string?)shown["options"]![1]!["votesLabel"]);
        Assert.Null(shown["voters"]);
    }

    [Fact]
    public async Task A_moderator_sees_who_voted_what_on_a_named_poll_and_nobody_on_an_anonymous_one()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var named = await host.OpenPollAsync();
        var anonymous = await host.OpenPollAsync(anonymous: true);
        await host.VoteAsync(named, TestBot.MemberAadId, "1");
        await host.VoteAsync(anonymous, TestBot.MemberAadId, "3");

        var namedView = await host.GetJsonAsync($"/board/api/polls/{named.Id}?" + Conversation, TestBot.ModeratorAadId);
        var anonymousView = await host.GetJsonAsync($"/board/api/polls/{anonymous.Id}?" + Conversation, TestBot.ModeratorAadId);

        var voter = Assert.Single(namedView["voters"]!.AsArray())!;
        Assert.Equal(TestBot.NameOf(TestBot.MemberAadId), (string?)voter["name"]);
        Assert.Equal(["Data analytics"], voter["choices"]!.AsArray().Select(c => (string?)c));
        Assert.Null(anonymousView["voters"]);
        Assert.DoesNotContain(TestBot.NameOf(TestBot.MemberAadId), anonymousView.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_shown_after_voting_are_hidden_from_a_member_until_they_vote()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var poll = await host.OpenPollAsync(visibility: PollVisibility.AfterVoting);
        await host.VoteAsync(poll, TestBot.OtherMemberAadId, "1");

        var before = await host.GetJsonAsync($"/board/api/polls/{poll.Id}?" + Conversation, TestBot.MemberAadId);
        await host.VoteAsync(poll, TestBot.MemberAadId, "3");
        var after = await host.GetJsonAsync($"/board/api/polls/{poll.Id}?" + Conversation, TestBot.MemberAadId);

        Assert.False((bool)before["countsVisible"]!);
        Assert.All(before["options"]!.AsArray(), o => Assert.Null(o!["votes"]));
        Assert.True((bool)after["countsVisible"]!);
        Assert.Equal([1, 0, 1], after["options"]!.AsArray().Select(o => (int)o!["votes"]!));
    }

    [Fact]
    public async Task A_poll_of_another_team_is_not_found_and_not_listed()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var other = await host.OpenPollAsync(conversationId: BoardHost.OtherChannelId);

        using var single = await host.GetAsync($"/board/api/polls/{other.Id}?" + Conversation, TestBot.MemberAadId);
        using var live = await host.GetAsync($"/board/api/polls/{other.Id}/live?" + Conversation, TestBot.MemberAadId);
        var listed = (JsonArray)await host.GetJsonAsync("/board/api/polls?" + Conversation, TestBot.MemberAadId);

        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
        Assert.Empty(await single.Content.ReadAsStringAsync());
        Assert.Empty(listed);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(BoardHost.OutsiderAadId, HttpStatusCode.Forbidden)]
    public async Task Someone_who_is_not_a_member_gets_no_data(string? who, HttpStatusCode expected)
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var poll = await host.OpenPollAsync();

        foreach (var path in new[] { "/board/api/polls", $"/board/api/polls/{poll.Id}", "/board/api/discussion", "/board/api/suggestions", "/board/api/moderation", "/board/api/me" })
        {
            using var response = await host.GetAsync(path + "?" + Conversation, who);
            Assert.Equal(expected, response.StatusCode);
            Assert.DoesNotContain(poll.Question, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_conversation_the_bot_is_not_in_is_not_found()
    {
        using var host = new BoardHost();
        await host.InstallAsync();

        using var response = await host.GetAsync("/board/api/polls?conversation=19:unknown@thread.tacv2", TestBot.ModeratorAadId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("&unknown=1")]
    [InlineData("&lang=en&lang=fr")]
    public async Task A_malformed_query_is_a_bad_request(string extra)
    {
        using var host = new BoardHost();
        await host.InstallAsync();

        using var response = await host.GetAsync("/board/api/polls?" + Conversation + extra, TestBot.MemberAadId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_query_is_a_bad_request()
    {
        using var host = new BoardHost();
        await host.InstallAsync();

        using var response = await host.GetAsync("/board/api/polls?" + Conversation + "&theme=" + new string('x', BoardQueryLimit), TestBot.MemberAadId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_moderation_part_is_for_moderators_only()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        await host.Get<QuestionLog>().RecordAsync("What is the PTC's view on quantum computing?", ConversationKind.Channel, answered: false, null, CancellationToken.None);
        await host.Get<QuestionLog>().RecordAsync("What is the PTC's view on quantum computing?", ConversationKind.Personal, answered: false, null, CancellationToken.None);
        await host.Get<QuestionLog>().RecordAsync("What is e-commerce?", ConversationKind.Channel, answered: true, null, CancellationToken.None);

        using var asMember = await host.GetAsync("/board/api/moderation?" + Conversation, TestBot.MemberAadId);
        var asModerator = await host.GetJsonAsync("/board/api/moderation?" + Conversation, TestBot.ModeratorAadId);
        var me = await host.GetJsonAsync("/board/api/me?" + Conversation, TestBot.MemberAadId);

        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.DoesNotContain("quantum", await asMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unanswered = Assert.Single(asModerator["unanswered"]!.AsArray())!;
        Assert.Equal("asked 2 times", (string?)unanswered["askedLabel"]);
        Assert.NotEmpty(asModerator["digestPreview"]!.AsArray());
        Assert.False((bool)me["isModerator"]!);
    }

    [Fact]
    public async Task The_discussion_shows_answers_by_question_with_tallies_and_participation_by_administration()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var store = host.Get<DiscussionStore>();
        var set = (await store.FindAsync(AnnexIIIDiscussion.Name, CancellationToken.None))!;
        var closed = set.Questions.First(q => q.IsClosed);
        var open = set.Questions.First(q => !q.IsClosed);
        var choice = closed.Choices![0].Value;
        await store.SaveAnswerAsync(set.Name, closed.Number, Polls.FakeMessenger.Member(TestBot.MemberAadId), new AnswerVersion("We print spare parts.", choice, "Customs A", TestBot.MemberAadId, DateTimeOffset.UtcNow), CancellationToken.None);
        await store.SaveAnswerAsync(set.Name, open.Number, Polls.FakeMessenger.Member(TestBot.OtherMemberAadId), new AnswerVersion("Risk profiles for files.", null, "Customs B", TestBot.OtherMemberAadId, DateTimeOffset.UtcNow), CancellationToken.None);

        var discussion = await host.GetJsonAsync("/board/api/discussion?lang=fr&" + Conversation, TestBot.MemberAadId);

        Assert.True((bool)discussion["started"]!);
        Assert.Equal("Participation : 2 délégués de 2 administrations", (string?)discussion["participation"]);
        Assert.Equal(["Customs A", "Customs B"], discussion["administrations"]!.AsArray().Select(a => (string?)a!["name"]));
        var closedView = discussion["questions"]!.AsArray().Single(q => (int)q!["number"]! == closed.Number)!;
        Assert.Equal(1, (int)closedView["tally"]![0]!["count"]!);
        Assert.Equal("1 réponse", (string?)closedView["answersLabel"]);
        var openView = discussion["questions"]!.AsArray().Single(q => (int)q!["number"]! == open.Number)!;
        Assert.Null(openView["tally"]);
        Assert.Equal("Risk profiles for files.", (string?)openView["answers"]![0]!["text"]);
    }

    [Fact]
    public async Task A_moderator_reviews_a_suggestion_on_the_board_with_the_rules_of_the_card()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var suggestion = await SuggestAsync(host);

        using var byMember = await PostReviewAsync(host, suggestion.Id, TestBot.MemberAadId, """{"action":"accept"}""");
        using var withoutReason = await PostReviewAsync(host, suggestion.Id, TestBot.ModeratorAadId, """{"action":"decline","reason":"  "}""");
        var unchanged = (await host.Get<SuggestionRepository>().GetAsync(suggestion.Id, CancellationToken.None))!.Value;
        using var accepted = await PostReviewAsync(host, suggestion.Id, TestBot.ModeratorAadId, """{"action":"accept"}""");
        using var again = await PostReviewAsync(host, suggestion.Id, TestBot.ModeratorAadId, """{"action":"decline","reason":"Too late"}""");

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withoutReason.StatusCode);
        Assert.Equal(SuggestionStatus.Pending, unchanged.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var list = await host.GetJsonAsync("/board/api/suggestions?" + Conversation, TestBot.MemberAadId);
        Assert.Equal("Accepted", (string?)list["items"]![0]!["status"]);
        Assert.Null(list["mergeTargets"]);
    }

    [Theory]
    [InlineData("""{"action":"delete"}""")]
    [InlineData("""not json""")]
    public async Task A_malformed_review_changes_nothing(string body)
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var suggestion = await SuggestAsync(host);

        using var response = await PostReviewAsync(host, suggestion.Id, TestBot.ModeratorAadId, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(SuggestionStatus.Pending, (await host.Get<SuggestionRepository>().GetAsync(suggestion.Id, CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public async Task The_live_stream_sends_the_current_counts_then_each_new_vote()
    {
        using var host = new BoardHost();
        await host.InstallAsync();
        var poll = await host.OpenPollAsync();
        await host.VoteAsync(poll, TestBot.MemberAadId, "1");
        using var client = host.Factory.CreateClient();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await client.GetAsync(new Uri($"/board/api/polls/{poll.Id}/live?{Conversation}&as={TestBot.OtherMemberAadId}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
        var first = await NextEventAsync(reader, guard.Token);
        await host.VoteAsync(poll, TestBot.OtherMemberAadId, "1");
        var second = await NextEventAsync(reader, guard.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, (int)first["options"]![0]!["votes"]!);
        Assert.Equal(2, (int)second["options"]![0]!["votes"]!);
        Assert.Equal("2 of 3 members have voted", (string?)second["ballotsLabel"]);
    }

    [Fact]
    public async Task With_an_app_id_a_valid_Teams_token_opens_the_board()
    {
        using var host = new BoardHost(withAppId: true);
        await host.InstallAsync();

        using var response = await host.GetWithTokenAsync("/board/api/me?" + Conversation, BoardHost.Token(TestBot.ModeratorAadId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["isModerator"]!);
    }

    [Fact]
    public async Task With_an_app_id_the_development_identity_does_not_exist()
    {
        using var host = new BoardHost(withAppId: true);
        await host.InstallAsync();

        using var response = await host.GetAsync("/board/api/polls?" + Conversation, TestBot.ModeratorAadId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_but_no_application_ID_URI_nobody_is_signed_in()
    {
        using var host = new BoardHost(settings: new Dictionary<string, string?> { ["MicrosoftAppId"] = BoardHost.AppId, ["MicrosoftAppPassword"] = "test-secret" });
        await host.InstallAsync();

        using var withToken = await host.GetWithTokenAsync("/board/api/polls?" + Conversation, BoardHost.Token(TestBot.ModeratorAadId));
        using var asDeveloper = await host.GetAsync("/board/api/polls?" + Conversation, TestBot.ModeratorAadId);

        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asDeveloper.StatusCode);
    }

    [Fact]
    public async Task Outside_the_Development_environment_without_an_app_id_nobody_is_signed_in()
    {
        using var host = new BoardHost(settings: new Dictionary<string, string?> { ["environment"] = "Production" });
        await host.InstallAsync();

        using var response = await host.GetAsync("/board/api/polls?" + Conversation, TestBot.ModeratorAadId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_board_scheme_reads_no_request_but_the_boards_own()
    {
        using var host = new BoardHost(withAppId: true);

        var schemes = host.Get<IAuthenticationSchemeProvider>();

        Assert.NotNull(await schemes.GetSchemeAsync(Bot.Board.BoardIdentity.Scheme));
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    public static TheoryData<string, string?, HttpStatusCode> BadTokens => new()
    {
        { "missing", null, HttpStatusCode.Unauthorized },
        { "expired", BoardHost.Token(TestBot.ModeratorAadId, expires: DateTimeOffset.UtcNow.AddHours(-2)), HttpStatusCode.Unauthorized },
        { "forged", BoardHost.Token(TestBot.ModeratorAadId, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "entra-test-key" }), HttpStatusCode.Unauthorized },
        { "another audience", BoardHost.Token(TestBot.ModeratorAadId, audience: BoardHost.AppId), HttpStatusCode.Unauthorized },
        { "not a token", "not.a.token", HttpStatusCode.Unauthorized },
        { "another scope", BoardHost.Token(TestBot.ModeratorAadId, scope: "User.Read"), HttpStatusCode.Forbidden },
        { "an outsider's", BoardHost.Token(BoardHost.OutsiderAadId), HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task With_an_app_id_a_request_without_a_valid_token_gets_no_data(string what, string? token, HttpStatusCode expected)
    {
        using var host = new BoardHost(withAppId: true);
        await host.InstallAsync();
        var poll = await host.OpenPollAsync();

        using var response = await host.GetWithTokenAsync($"/board/api/polls/{poll.Id}?" + Conversation, token);

        Assert.True(expected == response.StatusCode, $"{what}: {response.StatusCode}");
        Assert.DoesNotContain(poll.Question, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/board")]
    [InlineData("/board/polls")]
    [InlineData("/board/poll")]
    [InlineData("/board/discussion")]
    [InlineData("/board/suggestions")]
    [InlineData("/board/moderation")]
    public async Task Every_board_page_and_the_Teams_library_are_served_by_the_bot(string page)
    {
        using var host = new BoardHost(withAppId: true);

        using var html = await host.GetWithTokenAsync(page, null);
        using var library = await host.GetWithTokenAsync("/board/static/lib/teams-js/MicrosoftTeams.min.js", null);

        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("/board/static/lib/teams-js/MicrosoftTeams.min.js", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
    }

    private const int BoardQueryLimit = Bot.Board.BoardAccess.MaxQueryLength;

    private static async Task<Suggestion> SuggestAsync(BoardHost host)
    {
        var author = new SuggestionAuthor($"29:{TestBot.MemberAadId}", TestBot.NameOf(TestBot.MemberAadId), TestBot.MemberAadId);
        return (await host.Get<SuggestionRepository>().CreateAsync(Guid.NewGuid().ToString("N"), number => new Suggestion(
            Guid.NewGuid().ToString("N"), number, new SuggestionFields("Quantum-safe signatures", "Certificates will need it.", SuggestionKind.NewResearchArea, [], [], "Customs A", false),
            author, TestBot.ChannelConversationId, TestBot.TenantId, null, DateTimeOffset.UtcNow), CancellationToken.None))!;
    }

    private static Task<HttpResponseMessage> PostReviewAsync(BoardHost host, string id, string aadObjectId, string body)
    {
        var client = host.Factory.CreateClient();
        return client.PostAsync(new Uri($"/board/api/suggestions/{id}/review?{Conversation}&as={aadObjectId}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private static async Task<JsonNode> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonNode.Parse(line["data: ".Length..])!;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
