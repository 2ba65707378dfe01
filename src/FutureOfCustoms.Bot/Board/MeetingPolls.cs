using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Teams;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Board;

/// <summary>A poll a moderator asked to close when its meeting ends.</summary>
internal sealed record MeetingPollMark(string PollId, string MeetingId, string MarkedBy, DateTimeOffset MarkedAt);

/// <summary>Why a poll could not be set to close with its meeting.</summary>
internal enum MeetingMarkRefusal
{
    NotOpen,
    NotInAMeeting,
}

/// <summary>
/// Polls in a PTC meeting's chat: a launched poll raises Teams' in-meeting notification (the content bubble, opening the
/// poll on the board), and a poll marked "close when the meeting ends" is closed by the meeting-end event, its results
/// posted in the meeting chat by the polls' own closing (exactly once, whichever instance gets the event).
/// </summary>
internal sealed partial class MeetingPolls(
    IDocumentStore store,
    IConversationDirectory directory,
    IMessenger messenger,
    IServiceProvider services,
    TimeProvider time,
    IOptions<BoardOptions> options,
    IOptions<DownloadOptions> downloads,
    IOptions<BotIdentityOptions> identity,
    ILogger<MeetingPolls> logger) : IPollLaunchListener, IMeetingEvents
{
    private const string Collection = "board-meeting-polls";

    public async Task LaunchedAsync(Poll poll, CancellationToken cancellationToken)
    {
        if (options.Value.TeamsAppId is not { Length: > 0 } appId || await MeetingOfAsync(poll, cancellationToken) is null)
        {
            return;
        }

        var culture = CultureInfo.GetCultureInfo(poll.Culture);
        var page = new Uri(downloads.Value.PublicBaseUrl, $"board/poll?poll={Uri.EscapeDataString(poll.Id)}&conversation={Uri.EscapeDataString(TurnMapping.WithoutThread(poll.ConversationId))}&lang={culture.TwoLetterISOLanguageName}");
        var bubble = new Uri($"https://teams.microsoft.com/l/bubble/{Uri.EscapeDataString(appId)}?url={Uri.EscapeDataString(page.ToString())}&height=480&width=400&title={Uri.EscapeDataString(poll.Question)}&completionBotId={Uri.EscapeDataString(identity.Value.MicrosoftAppId ?? string.Empty)}");
        var text = string.Format(culture, BoardStrings.ResourceManager.GetString(nameof(BoardStrings.Meeting_PollLaunched), culture)!, CardText.Escape(poll.Question));
        try
        {
            await messenger.SendAsync(poll.ConversationId, OutgoingMessage.FromText(text) with { InMeeting = bubble }, cancellationToken);
        }
        catch (Exception ex) when (ex is ConversationUnavailableException or DeliveryFailedException)
        {
            // The poll is launched and its card posted: a missed bubble must not undo that.
            LogBubbleFailed(logger, poll.Id, ex.Message);
        }
    }

    /// <summary>Marks an open poll of a meeting chat to close when the meeting ends; null when it was marked.</summary>
    public async Task<MeetingMarkRefusal?> MarkAsync(Poll poll, UserRef moderator, CancellationToken cancellationToken)
    {
        if (poll.Status != PollStatus.Open)
        {
            return MeetingMarkRefusal.NotOpen;
        }

        if (await MeetingOfAsync(poll, cancellationToken) is not { } meeting)
        {
            return MeetingMarkRefusal.NotInAMeeting;
        }

        await store.UpsertAsync(Collection, meeting.Id, poll.Id, new MeetingPollMark(poll.Id, meeting.MeetingId!, moderator.Name, time.GetUtcNow()), cancellationToken);
        return null;
    }

    /// <summary>The ids of the polls of a conversation waiting for its meeting to end.</summary>
    public async Task<IReadOnlyList<string>> MarkedAsync(string conversationId, CancellationToken cancellationToken)
        => [.. (await store.ListAsync<MeetingPollMark>(Collection, TurnMapping.WithoutThread(conversationId), cancellationToken)).Select(d => d.Value.PollId)];

    public async Task MeetingEndedAsync(ConversationRef conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);

        // Resolved here, not injected: the poll service depends on every launch listener, this one included.
        var polls = services.GetRequiredService<PollService>();
        foreach (var mark in await store.ListAsync<MeetingPollMark>(Collection, conversation.Id, cancellationToken))
        {
            // Closing twice is harmless: a poll closed meanwhile answers null, and the mark goes either way.
            var closed = await polls.CloseAsync(mark.Value.PollId, cancellationToken);
            LogClosedAtMeetingEnd(logger, mark.Value.PollId, closed is not null);
            await store.DeleteAsync(Collection, conversation.Id, mark.Id, cancellationToken: cancellationToken);
        }
    }

    private async Task<ConversationRef?> MeetingOfAsync(Poll poll, CancellationToken cancellationToken)
        => await directory.FindAsync(TurnMapping.WithoutThread(poll.ConversationId), cancellationToken) is { Conversation: { MeetingId: { Length: > 0 } } meeting } ? meeting : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll {Poll}: the in-meeting notification was not sent: {Reason}")]
    private static partial void LogBubbleFailed(ILogger logger, string poll, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {Poll}: its meeting ended (closed now: {Closed})")]
    private static partial void LogClosedAtMeetingEnd(ILogger logger, string poll, bool closed);
}
