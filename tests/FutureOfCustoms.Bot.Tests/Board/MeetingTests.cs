using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Polls;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Board;

public sealed class MeetingTests : IAsyncLifetime
{
    private const string TeamsAppId = "3f7c1f64-5a0e-4b8f-9d3e-2b8f0c9a7e11";
    private const string InMeeting = "conversation=" + BoardHost.MeetingChatId;
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task A_poll_launched_in_a_meeting_chat_raises_the_in_meeting_notification_pointing_at_the_poll_on_the_board()
    {
        using var host = NewHost();
        await host.InstallAsync();
        await host.InstallInMeetingAsync(_connector.Url.ToString());
        var inMeeting = await host.OpenPollAsync(conversationId: BoardHost.MeetingChatId, status: PollStatus.Draft);
        var inChannel = await host.OpenPollAsync(status: PollStatus.Draft);

        await host.Get<PollService>().LaunchAsync(inMeeting, CancellationToken.None);
        await host.Get<PollService>().LaunchAsync(inChannel, CancellationToken.None);

        var bubble = Assert.Single(host.Messenger.Sent, s => s.Message.InMeeting is not null);
        Assert.Equal(BoardHost.MeetingChatId, bubble.ConversationId);
        var url = bubble.Message.InMeeting!.ToString();
        Assert.StartsWith($"https://teams.microsoft.com/l/bubble/{TeamsAppId}?url=", url, StringComparison.Ordinal);
        var page = new Uri(HttpUtility.ParseQueryString(new Uri(url).Query)["url"]!);
        var query = HttpUtility.ParseQueryString(page.Query);
        Assert.Equal("https://board.example.org/board/poll", page.GetLeftPart(UriPartial.Path));
        Assert.Equal(inMeeting.Id, query["poll"]);
        Assert.Equal(BoardHost.MeetingChatId, query["conversation"]);
        Assert.Contains(inMeeting.Question, bubble.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_set_to_close_with_the_meeting_closes_at_the_meeting_end_event_and_posts_its_results_in_the_meeting_chat()
    {
        using var host = NewHost();
        await host.InstallAsync();
        await host.InstallInMeetingAsync(_connector.Url.ToString());
        var poll = await host.OpenPollAsync(conversationId: BoardHost.MeetingChatId);
        var other = await host.OpenPollAsync(conversationId: BoardHost.MeetingChatId);
        await host.VoteAsync(poll, TestBot.MemberAadId, "2");

        using var marked = await PostAsync(host, $"/board/api/polls/{poll.Id}/close-at-meeting-end?{InMeeting}&as={TestBot.ModeratorAadId}");
        var waiting = await host.GetJsonAsync("/board/api/meeting?" + InMeeting, TestBot.MemberAadId);
        var (ended, _) = await host.Factory.PostActivityAsync(MeetingEnd(_connector.Url.ToString()));

        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.Equal([poll.Id], waiting["closeAtEnd"]!.AsArray().Select(n => (string?)n));
        Assert.True(ended.IsSuccessStatusCode);
        var closed = (await host.Get<PollStore>().GetAsync(poll.Id, CancellationToken.None))!;
        Assert.Equal(PollStatus.Closed, closed.Status);
        Assert.Equal(1, closed.Results!.Ballots);
        Assert.Contains(host.Messenger.Sent, s => s.ConversationId == BoardHost.MeetingChatId && (s.Message.Text ?? string.Empty).Contains(poll.Question, StringComparison.Ordinal));
        Assert.Equal(PollStatus.Open, (await host.Get<PollStore>().GetAsync(other.Id, CancellationToken.None))!.Status);
        Assert.Empty((await host.GetJsonAsync("/board/api/meeting?" + InMeeting, TestBot.MemberAadId))["closeAtEnd"]!.AsArray());
    }

    [Fact]
    public async Task Only_a_moderator_may_set_an_open_meeting_poll_to_close_with_the_meeting()
    {
        using var host = NewHost();
        await host.InstallAsync();
        await host.InstallInMeetingAsync(_connector.Url.ToString());
        var meetingPoll = await host.OpenPollAsync(conversationId: BoardHost.MeetingChatId);
        var channelPoll = await host.OpenPollAsync();

        using var byMember = await PostAsync(host, $"/board/api/polls/{meetingPoll.Id}/close-at-meeting-end?{InMeeting}&as={TestBot.MemberAadId}");
        using var inChannel = await PostAsync(host, $"/board/api/polls/{channelPoll.Id}/close-at-meeting-end?conversation={TestBot.ChannelConversationId}&as={TestBot.ModeratorAadId}");
        using var otherConversation = await PostAsync(host, $"/board/api/polls/{channelPoll.Id}/close-at-meeting-end?{InMeeting}&as={TestBot.ModeratorAadId}");

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inChannel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherConversation.StatusCode);
        Assert.Empty((await host.GetJsonAsync("/board/api/meeting?" + InMeeting, TestBot.MemberAadId))["closeAtEnd"]!.AsArray());
    }

    [Fact]
    public async Task The_meetings_organizer_is_a_moderator_in_that_meeting_only()
    {
        using var host = NewHost();
        await host.InstallAsync();
        await host.InstallInMeetingAsync(_connector.Url.ToString());
        _connector.MeetingRoles[(BoardHost.MeetingId, TestBot.OtherMemberAadId)] = "Organizer";
        var policy = host.Get<IModeratorPolicy>();
        var organizer = FakeMessenger.Member(TestBot.OtherMemberAadId);

        var inMeeting = await host.GetJsonAsync("/board/api/me?" + InMeeting, TestBot.OtherMemberAadId);
        var inChannel = await host.GetJsonAsync($"/board/api/me?conversation={TestBot.ChannelConversationId}", TestBot.OtherMemberAadId);
        var attendee = await host.GetJsonAsync("/board/api/me?" + InMeeting, TestBot.MemberAadId);
        var forCommands = await policy.IsModeratorAsync(organizer, new ConversationRef(BoardHost.MeetingChatId, ConversationKind.GroupChat, TestBot.TenantId, MeetingId: BoardHost.MeetingId), CancellationToken.None);

        Assert.True((bool)inMeeting["isModerator"]!);
        Assert.True((bool)inMeeting["meeting"]!);
        Assert.False((bool)inChannel["isModerator"]!);
        Assert.False((bool)attendee["isModerator"]!);
        Assert.True(forCommands);
    }

    private static BoardHost NewHost() => new(settings: new Dictionary<string, string?> { ["Board:TeamsAppId"] = TeamsAppId, ["Downloads:PublicBaseUrl"] = "https://board.example.org/" });

    private static Task<HttpResponseMessage> PostAsync(BoardHost host, string path)
        => host.Factory.CreateClient().PostAsync(new Uri(path, UriKind.Relative), null);

    private static JsonObject MeetingEnd(string serviceUrl) => new()
    {
        ["type"] = "event",
        ["name"] = "application/vnd.microsoft.meetingEnd",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:system", ["aadObjectId"] = TestBot.ModeratorAadId },
        ["recipient"] = new JsonObject { ["id"] = TestBot.BotId, ["name"] = "Future of Customs" },
        ["conversation"] = new JsonObject { ["id"] = BoardHost.MeetingChatId, ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TestBot.TenantId },
        ["channelData"] = new JsonObject { ["meeting"] = new JsonObject { ["id"] = BoardHost.MeetingId }, ["tenant"] = new JsonObject { ["id"] = TestBot.TenantId } },
        ["value"] = new JsonObject { ["Id"] = BoardHost.MeetingId, ["MeetingType"] = "Scheduled", ["JoinUrl"] = "https://teams.microsoft.com/l/meetup-join/x", ["Title"] = "PTC autumn session", ["EndTime"] = DateTimeOffset.UtcNow.ToString("O") },
    };
}
