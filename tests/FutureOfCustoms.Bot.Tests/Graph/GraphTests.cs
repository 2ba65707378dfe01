using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Graph;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Tests.Graph;

/// <summary>The bot with Graph configured against a local fake: team owners, profiles and shared files.</summary>
public sealed class GraphTests : IAsyncDisposable
{
    private const string TeamGroupId = "3b1a4c2e-0000-4000-8000-00000000a001";
    private const string SharingLink = "https://contoso.sharepoint.com/:t:/s/vwg-fc/EaXyZ_paper?e=AbC123";

    private readonly FakeGraph _graph;
    private readonly TestBot _bot;
    private readonly Mock<IMessenger> _messenger = new();

    public GraphTests()
    {
        _graph = FakeGraph.Start();
        _graph.Teams[TeamGroupId] =
        [
            (TestBot.MemberAadId, "Mia Member", ["owner"]),
            (TestBot.OtherMemberAadId, "Olu Other", []),
        ];
        _bot = new TestBot(
            services =>
            {
                FakeGraph.UseStubCredential(services);
                services.AddSingleton(_messenger.Object);
            },
            _graph.Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task A_team_owner_moderates_in_the_channel_with_no_configuration_change()
    {
        // Arrange: the member is no configured moderator, but owns the team in Graph.

        // Act
        var replies = await SendInTeamAsync("poll", TestBot.MemberAadId);

        // Assert
        Assert.DoesNotContain(CommandStrings.ModeratorOnly, replies.Texts(), StringComparison.Ordinal);
        Assert.Equal(1, _graph.RequestsTo($"/v1.0/teams/{TeamGroupId}/members"));
    }

    [Fact]
    public async Task A_team_member_who_is_no_owner_is_refused()
    {
        var replies = await SendInTeamAsync("poll", TestBot.OtherMemberAadId);

        Assert.Equal(CommandStrings.ModeratorOnly, replies.Texts());
    }

    [Fact]
    public async Task Owners_are_cached_for_the_configured_duration()
    {
        // Arrange
        await SendInTeamAsync("poll", TestBot.MemberAadId);

        // Act
        await SendInTeamAsync("poll", TestBot.OtherMemberAadId);
        var withinCache = _graph.RequestsTo($"/v1.0/teams/{TeamGroupId}/members");
        _bot.Time.Advance(TimeSpan.FromMinutes(6));
        await SendInTeamAsync("poll", TestBot.MemberAadId);

        // Assert
        Assert.Equal(1, withinCache);
        Assert.Equal(2, _graph.RequestsTo($"/v1.0/teams/{TeamGroupId}/members"));
    }

    [Fact]
    public async Task A_team_owner_moderates_in_their_personal_chat_once_the_bot_knows_the_team()
    {
        // Arrange: any turn in the team's channel records the team and its group id.
        await SendInTeamAsync("help", TestBot.OtherMemberAadId);

        // Act
        var owner = await _bot.SendTextAsync("poll", TestBot.MemberAadId);
        var other = await _bot.SendTextAsync("poll", TestBot.OtherMemberAadId);

        // Assert
        Assert.DoesNotContain(CommandStrings.ModeratorOnly, owner.Texts(), StringComparison.Ordinal);
        Assert.Equal(CommandStrings.ModeratorOnly, other.Texts());
    }

    [Fact]
    public async Task The_suggestion_card_is_pre_filled_with_the_organisation_from_the_profile()
    {
        // Arrange
        _graph.Users[TestBot.MemberAadId] = ("Hungarian Customs", "Risk Management", "Hungary");

        // Act
        var card = (await _bot.SendTextAsync("suggest")).Card();

        // Assert
        Assert.Equal("Hungarian Customs (Hungary)", InputValue(card, "administration"));
    }

    [Fact]
    public async Task The_department_stands_in_when_the_profile_has_no_company()
    {
        _graph.Users[TestBot.MemberAadId] = (null, "National Tax and Customs Administration", null);

        var card = (await _bot.SendTextAsync("suggest")).Card();

        Assert.Equal("National Tax and Customs Administration", InputValue(card, "administration"));
    }

    [Fact]
    public async Task A_remembered_administration_wins_over_the_profile_and_the_profile_is_not_stored()
    {
        // Arrange
        _graph.Users[TestBot.MemberAadId] = ("Hungarian Customs", null, "Hungary");
        var user = new UserRef("29:" + TestBot.MemberAadId, "Mia Member", TestBot.MemberAadId);
        var stored = _bot.Get<FutureOfCustoms.Bot.Members.MemberProfiles>();
        var beforeConfirming = await stored.GetAsync(user, CancellationToken.None);

        // Act
        await _bot.Get<FutureOfCustoms.Bot.Members.IMemberProfiles>().RememberAdministrationAsync(user, "NCA Hungary", CancellationToken.None);
        var card = (await _bot.SendTextAsync("suggest")).Card();

        // Assert
        Assert.Null(beforeConfirming);
        Assert.Equal("NCA Hungary", InputValue(card, "administration"));
    }

    [Fact]
    public async Task The_discussion_answer_form_asks_the_administration_pre_filled_from_the_profile()
    {
        // Arrange
        _graph.Users[TestBot.MemberAadId] = ("Hungarian Customs", null, "Hungary");
        _messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync("discussion-card-1");
        await _bot.SendTextAsync("discuss", TestBot.ModeratorAadId, ConversationKind.Channel);

        // Act
        var form = (await _bot.ExecuteAsync("discussion.answer", new JsonObject { ["discussion"] = "annex-iii", ["question"] = 1 })).InvokeCard();

        // Assert
        Assert.Equal("Hungarian Customs (Hungary)", InputValue(form, "administration"));
    }

    [Fact]
    public async Task A_shared_file_link_is_indexed_and_then_answers_a_question()
    {
        // Arrange
        _graph.SharedFiles[SharingLink] = ("quokka-paper.txt", Encoding.UTF8.GetBytes("Quokka corridors\n\nThe quokka corridor pilot lets trusted traders clear goods in advance at inland hubs.\n"));
        var posted = new TaskCompletionSource<OutgoingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _messenger.Setup(m => m.SendAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Callback<string, OutgoingMessage, CancellationToken>((_, message, _) => posted.TrySetResult(message))
            .ReturnsAsync("posted-1");

        // Act
        var started = await SendInTeamAsync("index " + SharingLink, TestBot.ModeratorAadId);
        var ran = await Storage.QueuedWork.DrainAsync(_bot.Services);
        var outcome = await posted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var answer = await _bot.SendTextAsync("What is the quokka corridor pilot?");

        // Assert
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, GraphStrings.Index_Started, "quokka-paper.txt"), started.Texts());
        Assert.Equal(1, ran);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, GraphStrings.Index_Done, "quokka-paper.txt", 1), outcome.Text);
        _messenger.Verify(m => m.SendAsync(TestBot.ChannelConversationId + ";messageid=1", It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("inland hubs", answer.Card().AllText(), StringComparison.Ordinal);
        var added = await _bot.Get<AddedDocumentLog>().ListAsync(_bot.Time.GetUtcNow().AddDays(-1), _bot.Time.GetUtcNow().AddDays(1), CancellationToken.None);
        Assert.Equal("quokka-paper.txt", Assert.Single(added).FileName);
    }

    [Fact]
    public async Task A_shared_file_in_another_format_is_refused_before_downloading()
    {
        _graph.SharedFiles[SharingLink] = ("budget.xlsx", [1, 2, 3]);

        var replies = await SendInTeamAsync("index " + SharingLink, TestBot.ModeratorAadId);

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, GraphStrings.Index_Unsupported, "budget.xlsx"), replies.Texts());
        Assert.Equal(0, _graph.RequestsTo($"/v1.0/shares/{SharedFiles.ShareIdOf(SharingLink)}/driveItem/content"));
    }

    [Fact]
    public async Task A_link_the_app_cannot_read_is_refused_with_advice()
    {
        var replies = await SendInTeamAsync("index https://contoso.sharepoint.com/:w:/s/other/unknown", TestBot.ModeratorAadId);

        Assert.Equal(GraphStrings.Index_NotFound, replies.Texts());
    }

    [Fact]
    public async Task Indexing_a_link_is_for_moderators_only()
    {
        _graph.SharedFiles[SharingLink] = ("quokka-paper.txt", [65]);

        var replies = await SendInTeamAsync("index " + SharingLink, TestBot.OtherMemberAadId);

        Assert.Equal(CommandStrings.ModeratorOnly, replies.Texts());
        Assert.Equal(0, _graph.RequestsTo($"/v1.0/shares/{SharedFiles.ShareIdOf(SharingLink)}/driveItem"));
    }

    /// <summary>A channel message with the team's group id in channelData, as Teams sends it.</summary>
    private Task<IReadOnlyList<Activity>> SendInTeamAsync(string text, string aadObjectId)
    {
        var activity = _bot.NewActivity(ActivityTypes.Message, aadObjectId, ConversationKind.Channel);
        activity.Text = $"<at>Future of Customs</at> {text}";
        activity.Entities = [new Mention(new ChannelAccount(TestBot.BotId, "Future of Customs"), "<at>Future of Customs</at>")];
        activity.ChannelData = JObject.FromObject(new TeamsChannelData
        {
            Team = new TeamInfo(TestBot.TeamId, "Future of Customs VWG") { AadGroupId = TeamGroupId },
            Channel = new ChannelInfo(TestBot.ChannelConversationId, "General"),
            Tenant = new TenantInfo(TestBot.TenantId),
        });
        return _bot.RunAsync(activity);
    }

    private static string? InputValue(JsonNode? node, string id) => node switch
    {
        JsonObject o when (string?)o["id"] == id && ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true => (string?)o["value"],
        JsonObject o => o.Select(p => InputValue(p.Value, id)).FirstOrDefault(v => v is not null),
        JsonArray a => a.Select(n => InputValue(n, id)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
