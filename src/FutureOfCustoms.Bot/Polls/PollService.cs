using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>Why a vote was not recorded; null when it was.</summary>
internal enum VoteRefusal
{
    UnknownPoll,
    NotOpen,
    NoChoice,
    UnknownOption,
    TooManyChoices,
}

/// <summary>A vote's outcome: the refusal, or the member's ballot and the counts right after it.</summary>
internal sealed record VoteResult(VoteRefusal? Refusal, Ballot? Ballot = null, BallotBox? Box = null);

/// <summary>
/// A poll's life after creation: launch, ballots, the shared card kept current, closing (by the moderator or
/// at the closing time, exactly once), reminders. Shared cards and results are written in the poll's language.
/// </summary>
internal sealed partial class PollService(
    PollStore store,
    PollBallotWriter ballots,
    PollRoster roster,
    PollTurnout turnout,
    PollCards cards,
    IMessenger messenger,
    PacedSender paced,
    TimeProvider time,
    IOptions<PollsOptions> options,
    ILogger<PollService> logger,
    IEnumerable<IPollLaunchListener> launchListeners) : IDisposable
{
    /// <summary>Longer than posting the results can take with every retry: a claim this old was left by an instance that died.</summary>
    private static readonly TimeSpan StaleResultsClaim = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, byte> _pendingUpdates = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Opens a draft and posts its card; null when it was no longer a draft.</summary>
    /// <exception cref="ConversationUnavailableException">the card could not be posted; the poll stays a draft.</exception>
    /// <exception cref="DeliveryFailedException">Teams did not take the card; the poll stays a draft.</exception>
    public async Task<Poll?> LaunchAsync(Poll draft, CancellationToken cancellationToken)
    {
        var opened = await store.TryChangeAsync(draft.Id, p => p.Status == PollStatus.Draft ? p with { Status = PollStatus.Open, LaunchedAt = time.GetUtcNow() } : null, cancellationToken);
        if (opened is null)
        {
            return null;
        }

        try
        {
            var card = OutgoingMessage.FromCard(await SharedCardAsync(opened, cancellationToken), opened.Question);
            var messageId = await ReplaceLauncherAsync(opened, card, cancellationToken)
                ?? await messenger.SendAsync(opened.ConversationId, card, cancellationToken);
            var launched = await store.TryChangeAsync(opened.Id, p => p with { MessageId = messageId }, cancellationToken) ?? opened;
            foreach (var listener in launchListeners)
            {
                await listener.LaunchedAsync(launched, cancellationToken);
            }

            return launched;
        }
        catch (Exception ex) when (ex is ConversationUnavailableException or DeliveryFailedException)
        {
            // Open without a card nobody could vote on it: back to a draft the moderator can launch again.
            await store.TryChangeAsync(opened.Id, p => p.Status == PollStatus.Open && p.MessageId is null ? p with { Status = PollStatus.Draft, LaunchedAt = null } : null, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The card the moderator opened the dialog from (after typing <c>poll</c>) becomes the poll, so the
    /// conversation sees the poll only; null when there is none, or it is gone (then the poll is posted anew).
    /// </summary>
    private async Task<string?> ReplaceLauncherAsync(Poll poll, OutgoingMessage card, CancellationToken cancellationToken)
    {
        if (poll.LauncherMessageId is not { Length: > 0 } launcher)
        {
            return null;
        }

        try
        {
            await messenger.UpdateAsync(poll.ConversationId, launcher, card, cancellationToken);
            return launcher;
        }
        catch (ConversationUnavailableException ex)
        {
            LogUnreachable(logger, poll.Id, ex.Message);
            return null;
        }
    }

    /// <summary>Records or replaces the member's ballot; nothing changes when it is refused.</summary>
    public async Task<VoteResult> VoteAsync(Poll? poll, UserRef voter, IReadOnlyList<string> choices, CancellationToken cancellationToken)
    {
        if (poll is null)
        {
            return new VoteResult(VoteRefusal.UnknownPoll);
        }

        var distinct = choices.Distinct(StringComparer.Ordinal).ToList();
        VoteRefusal? refusal = poll.Status != PollStatus.Open ? VoteRefusal.NotOpen
            : distinct.Count == 0 ? VoteRefusal.NoChoice
            : distinct.Any(c => poll.Options.All(o => o.Id != c)) ? VoteRefusal.UnknownOption
            : distinct.Count > poll.MaxChoices ? VoteRefusal.TooManyChoices
            : null;
        if (refusal is not null)
        {
            return new VoteResult(refusal);
        }

        var ordered = poll.Options.Select(o => o.Id).Where(distinct.Contains).ToList();
        var ballot = poll.Anonymous
            ? new Ballot(ordered)
            : new Ballot(ordered, voter.Id, voter.Name, voter.AadObjectId, time.GetUtcNow());

        // The poll was open when read; the box says whether it still is when the ballot is written.
        var voterKey = await store.VoterKeyAsync(poll, voter, cancellationToken);
        var box = await ballots.CastAsync(poll.Id, voterKey, ballot, cancellationToken);
        if (box is null)
        {
            return new VoteResult(VoteRefusal.NotOpen);
        }

        turnout.Voted(poll.Id, voterKey);
        ScheduleSharedCardUpdate(poll);
        return new VoteResult(null, ballot, box);
    }

    /// <summary>The card as one member sees it (their ballot; the moderator's buttons for moderators; the closing time in their zone).</summary>
    public async Task<JsonObject> ViewerCardAsync(Poll poll, UserRef viewer, bool isModerator, string? timeZone, CancellationToken cancellationToken)
    {
        var box = await OpenBoxAsync(poll, cancellationToken);
        return await CardAsync(poll, box, new PollViewer(await store.BallotAsync(poll, viewer, cancellationToken), isModerator, timeZone), cancellationToken);
    }

    /// <summary>The voter's card right after their vote, from the vote's own write: no ballot is read back.</summary>
    public Task<JsonObject> ViewerCardAsync(Poll poll, VoteResult vote, bool isModerator, string? timeZone, CancellationToken cancellationToken)
        => CardAsync(poll, vote.Box, new PollViewer(vote.Ballot, isModerator, timeZone), cancellationToken);

    /// <summary>The moderator's dialog, with the turnout as it is now (the roster read again when a voter is not in it).</summary>
    public async Task<JsonObject> ManageCardAsync(Poll poll, bool confirmClose, CancellationToken cancellationToken)
    {
        var results = poll.Results ?? (await OpenBoxAsync(poll, cancellationToken) ?? BallotBox.Empty).Results(poll, await turnout.CountFreshAsync(poll, cancellationToken));
        return cards.Manage(poll, results, confirmClose);
    }

    /// <summary>Closes an open poll once, even when the moderator and the closing service race; posts the results.</summary>
    /// <returns>The closed poll (its <see cref="Poll.ResultsDelivery"/> says whether the results went out), or null when it was not open (already closed, or a draft).</returns>
    public async Task<Poll?> CloseAsync(string pollId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var closed = await store.TryChangeAsync(pollId, p => p.Status == PollStatus.Open ? p with { Status = PollStatus.Closed, ClosedAt = now, ResultsDelivery = ResultsDelivery.Posting, ResultsClaimedAt = now } : null, cancellationToken);
        return closed is null ? null : await FinishClosingAsync(closed, cancellationToken);
    }

    /// <summary>
    /// Closes every open poll whose closing time has passed, and posts the results Teams did not take before:
    /// read from the store, so it works after a restart.
    /// </summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var closed = 0;
        foreach (var poll in await store.ListAsync(cancellationToken))
        {
            if (poll.Status == PollStatus.Open && poll.ClosesAt <= now)
            {
                if (await CloseAsync(poll.Id, cancellationToken) is not null)
                {
                    closed++;
                }
            }
            else if (poll.Status == PollStatus.Closed && ResultsRetryable(poll, now)
                && await store.TryChangeAsync(poll.Id, p => ResultsRetryable(p, now) ? p with { ResultsDelivery = ResultsDelivery.Posting, ResultsClaimedAt = now } : null, cancellationToken) is { } claimed)
            {
                await FinishClosingAsync(claimed, cancellationToken);
            }
        }

        return closed;
    }

    /// <summary>Sends a 1:1 reminder to every member without a ballot, in the background (paced under the Teams limits).</summary>
    /// <returns>How many members will be reminded, and the sending.</returns>
    /// <exception cref="ConversationUnavailableException">the roster cannot be read: the bot was removed.</exception>
    /// <exception cref="DeliveryFailedException">Teams did not give the roster; nobody is reminded.</exception>
    public async Task<(int Count, Task Sending)> RemindNonVotersAsync(Poll poll, CancellationToken cancellationToken)
    {
        // Read afresh, not through the roster cache, which stands in an empty list for a roster Teams did not
        // give: here that would read as "nobody left to remind".
        var members = await messenger.GetMembersAsync(poll.ConversationId, cancellationToken);
        var voted = (await store.BallotsAsync(poll.Id, cancellationToken)).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var nonVoters = new List<UserRef>();
        foreach (var member in members)
        {
            if (!voted.Contains(await store.VoterKeyAsync(poll, member, cancellationToken)))
            {
                nonVoters.Add(member);
            }
        }

        var message = OutgoingMessage.FromText(string.Format(CultureInfo.CurrentCulture, PollsStrings.Reminder, CardText.Escape(poll.Question)));
        var sending = Task.Run(() => SendRemindersAsync(poll.Id, nonVoters, poll.TenantId, message), CancellationToken.None);
        return (nonVoters.Count, sending);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task SendRemindersAsync(string pollId, IReadOnlyList<UserRef> users, string? tenantId, OutgoingMessage message)
    {
        try
        {
            var report = await paced.SendAsync(users, tenantId, _ => message, _stopping.Token);
            LogReminded(logger, pollId, report.Sent.Count, report.Unreachable.Count, report.Failed.Count);
        }
        catch (OperationCanceledException)
        {
            // The bot is stopping; members not reached yet can be reminded again.
        }
    }

    /// <summary>A failed results post, or one whose instance died while posting (its claim is long stale).</summary>
    private static bool ResultsRetryable(Poll poll, DateTimeOffset now)
        => poll.ResultsDelivery == ResultsDelivery.Failed
            || (poll.ResultsDelivery == ResultsDelivery.Posting && now - poll.ResultsClaimedAt >= StaleResultsClaim);

    /// <summary>Counts the ballots of a closed poll once (its box closed first, so the count is final) and posts the results.</summary>
    private async Task<Poll> FinishClosingAsync(Poll closed, CancellationToken cancellationToken)
    {
        if (closed.Results is null)
        {
            // Counted after the box closed: a vote that read the poll as open but had not written yet is refused
            // by the closed box, and every ballot written before is in this count, so the count is final.
            await store.CloseBoxAsync(closed.Id, cancellationToken);
            var cast = await store.BallotsAsync(closed.Id, cancellationToken);
            var results = BallotBox.Count(cast).Results(closed, await turnout.CountFreshAsync(closed, cancellationToken));
            closed = await store.TryChangeAsync(closed.Id, p => p with { Results = results }, cancellationToken) ?? closed with { Results = results };
            LogClosed(logger, closed.Id, results.Ballots);
        }

        var delivery = await PublishResultsAsync(closed, cancellationToken);
        return await store.TryChangeAsync(closed.Id, p => p with { ResultsDelivery = delivery }, CancellationToken.None) ?? closed with { ResultsDelivery = delivery };
    }

    private async Task<ResultsDelivery> PublishResultsAsync(Poll poll, CancellationToken cancellationToken)
    {
        UseCultureOf(poll);
        try
        {
            // The shared card first: showing it closed again is harmless, so a retry after a failed results post
            // repeats nothing anyone sees twice.
            if (poll.MessageId is { } messageId)
            {
                try
                {
                    await messenger.UpdateAsync(poll.ConversationId, messageId, OutgoingMessage.FromCard(await SharedCardAsync(poll, cancellationToken), poll.Question), cancellationToken);
                }
                catch (ConversationUnavailableException ex)
                {
                    // The card may have been deleted: the results post says whether the conversation is gone.
                    LogUnreachable(logger, poll.Id, ex.Message);
                }
            }

            await messenger.SendAsync(poll.ConversationId, OutgoingMessage.FromCard(cards.Results(poll), string.Format(CultureInfo.CurrentCulture, PollsStrings.Results_Title, poll.Question)), cancellationToken);
            return ResultsDelivery.Posted;
        }
        catch (ConversationUnavailableException ex)
        {
            LogUnreachable(logger, poll.Id, ex.Message);
            return ResultsDelivery.Unreachable;
        }
        catch (DeliveryUnknownException ex)
        {
            // Posting again could show the results twice: the moderator is told to check instead.
            LogResultsFailed(logger, poll.Id, ex.Message);
            return ResultsDelivery.Unknown;
        }
        catch (DeliveryFailedException ex)
        {
            LogResultsFailed(logger, poll.Id, ex.Message);
            return ResultsDelivery.Failed;
        }
    }

    /// <summary>
    /// Votes change the shared card; Teams throttles edits of one message, so votes arriving together are
    /// shown by one update a few seconds later.
    /// </summary>
    private void ScheduleSharedCardUpdate(Poll poll)
    {
        if (poll.MessageId is null || !_pendingUpdates.TryAdd(poll.Id, 0))
        {
            return;
        }

        // Called, not queued: the delay's timer starts on the vote's own flow, so it counts from the vote on any clock (a test's too).
        _ = UpdateSharedCardLaterAsync(poll.Id);
    }

    private async Task UpdateSharedCardLaterAsync(string pollId)
    {
        try
        {
            await Task.Delay(options.Value.SharedCardUpdateDelay, time, _stopping.Token);
            _pendingUpdates.TryRemove(pollId, out _);
            if (await store.GetAsync(pollId, _stopping.Token) is { Status: PollStatus.Open, MessageId: { } messageId } poll)
            {
                UseCultureOf(poll);
                await messenger.UpdateAsync(poll.ConversationId, messageId, OutgoingMessage.FromCard(await SharedCardAsync(poll, _stopping.Token), poll.Question), _stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the next vote or the close brings the card up to date.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A missed update only leaves the counts stale until the next vote; it must not surface as an unobserved task error.
            _pendingUpdates.TryRemove(pollId, out _);
            LogUpdateFailed(logger, ex, pollId);
        }
    }

    private async Task<JsonObject> SharedCardAsync(Poll poll, CancellationToken cancellationToken)
        => await CardAsync(poll, await OpenBoxAsync(poll, cancellationToken), viewer: null, cancellationToken);

    /// <summary>The running counts of an open poll; none for a closed one, whose frozen results are shown.</summary>
    private async Task<BallotBox?> OpenBoxAsync(Poll poll, CancellationToken cancellationToken)
        => poll.Status == PollStatus.Open ? await store.BoxAsync(poll, cancellationToken) : null;

    private async Task<JsonObject> CardAsync(Poll poll, BallotBox? box, PollViewer? viewer, CancellationToken cancellationToken)
    {
        var members = await roster.MembersAsync(poll.ConversationId, cancellationToken);
        var results = poll.Results ?? (box ?? BallotBox.Empty).Results(poll, await turnout.CountAsync(poll, cancellationToken));
        return cards.Poll(poll, results, viewer, RefreshUsers(members));
    }

    private static IReadOnlyList<string> RefreshUsers(IReadOnlyList<UserRef> members) => [.. members.Select(m => m.Id)];

    /// <summary>Changes the culture of the calling async flow only (it does not flow back to the caller).</summary>
    private static void UseCultureOf(Poll poll)
    {
        var culture = CultureInfo.GetCultureInfo(poll.Culture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {Poll} closed with {Ballots} ballots")]
    private static partial void LogClosed(ILogger logger, string poll, int ballots);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {Poll}: reminded {Sent} members, {Unreachable} unreachable, {Failed} not taken by Teams")]
    private static partial void LogReminded(ILogger logger, string poll, int sent, int unreachable, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Poll {Poll}: Teams did not take the results ({Reason}); the closing service tries again at its next check")]
    private static partial void LogResultsFailed(ILogger logger, string poll, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll {Poll}: its conversation is unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string poll, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll {Poll}: the shared card could not be updated")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, string poll);
}
