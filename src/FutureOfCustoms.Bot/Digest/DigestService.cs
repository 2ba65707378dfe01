using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Digest;

/// <summary>A team the digest goes to: its group channel and whether its schedule runs.</summary>
internal sealed record DigestTarget(string TeamId, string ChannelId, DateTimeOffset InstalledAt, bool Enabled, string? StoppedReason, string? TenantId)
{
    /// <summary>What the first digest covers at least: the week before it, install or not. A group installs the bot
    /// while at work, and what it did in the days before (suggestions, a poll, questions just made) belongs in it.</summary>
    public static readonly TimeSpan FirstPeriodLength = TimeSpan.FromDays(7);

    public bool IsScheduled => Enabled && StoppedReason is null;

    /// <summary>The first digest's start: the week before its end, or the install when that was longer ago (downtime).</summary>
    public DateTimeOffset FirstPeriodStart(DateTimeOffset end) => end - FirstPeriodLength < InstalledAt ? end - FirstPeriodLength : InstalledAt;
}

internal enum DigestOutcome
{
    Posted,
    Skipped,
    AlreadyClaimed,
    Failed,
    Stopped,

    /// <summary>Teams did not answer the post (a timeout, or the bot stopped while Teams had it): it may be in the channel.</summary>
    Unknown,
}

/// <summary>
/// Works out which period is due for each team from what the store holds (so restarts, missed weeks and
/// several instances all agree), claims it, posts it and records the result.
/// </summary>
internal sealed partial class DigestService(
    DigestStore store,
    DigestComposer composer,
    IConversationDirectory directory,
    IMessenger messenger,
    IOptionsMonitor<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestService> logger)
{
    // Search windows back from now for the latest occurrence: a minutely schedule needs only the first,
    // a weekly one the third, and a long downtime is never walked minute by minute.
    private static readonly TimeSpan[] LookBack = [TimeSpan.FromHours(2), TimeSpan.FromDays(2), TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(400)];

    private static readonly CultureInfo ChannelCulture = CultureInfo.GetCultureInfo("en");

    private readonly string _instance = Guid.NewGuid().ToString("N");

    /// <summary>Posts every due digest; what failed stays claimable and is retried on the next call.</summary>
    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        foreach (var target in await TargetsAsync(cancellationToken))
        {
            if (!target.IsScheduled)
            {
                continue;
            }

            try
            {
                if (await DuePeriodAsync(target, time.GetUtcNow(), scheduled: true, cancellationToken) is { } due)
                {
                    await PostAsync(target, due.Period, due.Previous, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTeamFailed(logger, target.TeamId, ex);
            }
        }
    }

    /// <summary>When the schedule next fires after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset after)
    {
        var settings = options.CurrentValue;
        return settings.Cron.GetNextOccurrence(after, settings.Zone);
    }

    public DateTimeOffset InGroupZone(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, options.CurrentValue.Zone);

    /// <summary>The team a command is about: the channel's own team, or the only team the bot is in.</summary>
    public async Task<(DigestTarget? Target, string? Problem)> ResolveAsync(ConversationRef conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var targets = await TargetsAsync(cancellationToken);
        if (conversation.TeamId is { } teamId)
        {
            return targets.FirstOrDefault(t => t.TeamId == teamId) is { } own ? (own, null) : (null, DigestStrings.NoTeam);
        }

        return targets.Count switch
        {
            0 => (null, DigestStrings.NoTeam),
            1 => (targets[0], null),
            _ => (null, DigestStrings.SeveralTeams),
        };
    }

    /// <summary>What the next digest would say now, without claiming anything.</summary>
    public async Task<OutgoingMessage> PreviewAsync(DigestTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var now = time.GetUtcNow();
        var latest = await store.LatestPeriodAsync(target.TeamId, cancellationToken);
        var start = latest is null ? target.FirstPeriodStart(now) : latest.Value.IsDone ? latest.Value.End : latest.Value.Start;
        var quietWeek = options.CurrentValue.QuietWeek;

        // A preview always shows something, even where the channel would get nothing.
        return await composer.ComposeAsync(new DigestPeriod(start, now) { ForModerator = true }, cancellationToken)
            ?? OutgoingMessage.FromText(quietWeek == QuietWeek.Nothing ? DigestStrings.Posted_Nothing : DigestStrings.Card_Quiet);
    }

    /// <summary>`digest post`: a period from the last digest to now, through the same claim as the schedule.</summary>
    public async Task<DigestOutcome> PostNowAsync(DigestTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return await DuePeriodAsync(target, time.GetUtcNow(), scheduled: false, cancellationToken) is { } due
            ? await PostAsync(target, due.Period, due.Previous, cancellationToken)
            : DigestOutcome.AlreadyClaimed;
    }

    public async Task<IReadOnlyList<DigestTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var stored = (await store.ListTeamsAsync(cancellationToken)).ToDictionary(t => t.TeamId, StringComparer.Ordinal);
        var channels = (await directory.ListAsync(cancellationToken))
            .Where(c => c.Installed && c.Conversation.Kind == ConversationKind.Channel && c.Conversation.TeamId is not null)
            .ToList();
        return
        [
            .. channels
                .GroupBy(c => c.Conversation.TeamId!, StringComparer.Ordinal)
                .Select(team =>
                {
                    stored.TryGetValue(team.Key, out var saved);

                    // The first channel the team was seen in is where the bot was added; `digest here` overrides it.
                    var first = team.MinBy(c => c.FirstSeenAt)!;
                    var chosen = team.FirstOrDefault(c => c.Conversation.Id == saved?.ChannelId) ?? first;
                    return new DigestTarget(team.Key, chosen.Conversation.Id, first.FirstSeenAt, saved?.Enabled ?? settings.Enabled, saved?.StoppedReason, chosen.Conversation.TenantId);
                }),
        ];
    }

    private async Task<(DigestPeriod Period, Storage.StoredDocument<DigestPeriodRecord>? Previous)?> DuePeriodAsync(DigestTarget target, DateTimeOffset now, bool scheduled, CancellationToken cancellationToken)
    {
        var latest = await store.LatestPeriodAsync(target.TeamId, cancellationToken);
        DateTimeOffset start;
        Storage.StoredDocument<DigestPeriodRecord>? previous = null;
        if (latest is null)
        {
            start = target.InstalledAt;
        }
        else if (latest.Value.IsDone)
        {
            start = latest.Value.End;
        }
        else if (latest.Value.State == DigestPeriodState.Claimed && now - latest.Value.ClaimedAt < options.CurrentValue.StaleClaimAfter)
        {
            // Another instance (or this one) is posting it right now.
            return null;
        }
        else
        {
            // Failed, or claimed by an instance that died: take it over, stretched to cover what came since.
            start = latest.Value.Start;
            previous = latest;
        }

        DateTimeOffset? end = scheduled ? LatestOccurrence(start, now) : now;
        if (previous is not null && (end is null || end < previous.Value.End))
        {
            end = previous.Value.End;
        }

        if (latest is null && end is { } first)
        {
            start = target.FirstPeriodStart(first);
        }

        return end is { } until && until > start ? (new DigestPeriod(start, until), previous) : null;
    }

    /// <summary>The last scheduled moment in (<paramref name="after"/>, <paramref name="now"/>]: missed weeks make one digest.</summary>
    private DateTimeOffset? LatestOccurrence(DateTimeOffset after, DateTimeOffset now)
    {
        var settings = options.CurrentValue;
        var (cron, zone) = (settings.Cron, settings.Zone);
        foreach (var window in LookBack)
        {
            var from = now - window > after ? now - window : after;
            DateTimeOffset? latest = null;
            for (var next = cron.GetNextOccurrence(from, zone); next is { } at && at <= now; next = cron.GetNextOccurrence(at, zone))
            {
                latest = at;
            }

            if (latest is not null || from == after)
            {
                return latest;
            }
        }

        return null;
    }

    private async Task<DigestOutcome> PostAsync(DigestTarget target, DigestPeriod period, Storage.StoredDocument<DigestPeriodRecord>? previous, CancellationToken cancellationToken)
    {
        var claim = new DigestPeriodRecord
        {
            Start = period.Start,
            End = period.End,
            State = DigestPeriodState.Claimed,
            ClaimedAt = time.GetUtcNow(),
            ClaimedBy = _instance,
            Attempts = (previous?.Value.Attempts ?? 0) + 1,
        };
        if (!await store.TryClaimAsync(target.TeamId, claim, previous, cancellationToken))
        {
            return DigestOutcome.AlreadyClaimed;
        }

        var sending = false;
        try
        {
            // The channel is shared by the whole group: the card carries English and French, whoever triggered it.
            CultureInfo.CurrentCulture = ChannelCulture;
            CultureInfo.CurrentUICulture = ChannelCulture;
            var message = await composer.ComposeAsync(period, cancellationToken);
            if (message is null)
            {
                await store.FinishAsync(target.TeamId, period.End, r => r with { State = DigestPeriodState.Skipped }, cancellationToken);
                return DigestOutcome.Skipped;
            }

            sending = true;
            var messageId = await messenger.SendAsync(target.ChannelId, message, cancellationToken);
            await store.FinishAsync(target.TeamId, period.End, r => r with { State = DigestPeriodState.Sent, MessageId = messageId, LastError = null }, CancellationToken.None);
            LogPosted(logger, target.TeamId, target.ChannelId, period.Start, period.End);
            return DigestOutcome.Posted;
        }
        catch (ConversationUnavailableException ex)
        {
            LogStopped(logger, target.TeamId, target.ChannelId, ex.Message);
            await store.FinishAsync(target.TeamId, period.End, r => r with { State = DigestPeriodState.Failed, LastError = ex.Message }, CancellationToken.None);
            await store.UpdateTeamAsync(target.TeamId, t => t with { StoppedReason = ex.Message }, CancellationToken.None);
            return DigestOutcome.Stopped;
        }
        catch (Exception ex) when (ex is DeliveryUnknownException || (sending && ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Teams may have posted it: posting again could double it, so the period is closed as unknown and
            // the moderator sees it (digest, digest post); the next digest starts after it, on time.
            var reason = ex is DeliveryUnknownException ? ex.Message : "the bot stopped while Teams had the post";
            LogUnknown(logger, target.TeamId, period.Start, period.End, reason);
            await store.FinishAsync(target.TeamId, period.End, r => r with { State = DigestPeriodState.Unknown, LastError = reason }, CancellationToken.None);
            return DigestOutcome.Unknown;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping before anything went to Teams: the claim is released at once, so the restarted bot (or
            // another instance) takes the period over at its next check instead of after StaleClaimAfter.
            await store.FinishAsync(target.TeamId, period.End, r => r with { State = DigestPeriodState.Failed, LastError = "released on shutdown before posting" }, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, target.TeamId, claim.Attempts, ex);
            await store.FinishAsync(target.TeamId, period.End, r => r with { State = DigestPeriodState.Failed, LastError = ex.Message }, CancellationToken.None);
            return DigestOutcome.Failed;
        }
    }

    /// <summary>The latest period whose post Teams never answered, for the moderator to check; null when the latest is settled.</summary>
    public async Task<DigestPeriodRecord?> UnknownPostAsync(DigestTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return await store.LatestPeriodAsync(target.TeamId, cancellationToken) is { Value.State: DigestPeriodState.Unknown } unknown ? unknown.Value : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest for team {Team}, period {Start:o} to {End:o}, may or may not be in the channel ({Reason}); it is not posted again and the moderator is told")]
    private static partial void LogUnknown(ILogger logger, string team, DateTimeOffset start, DateTimeOffset end, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest posted for team {Team} in {Channel}, period {Start:o} to {End:o}")]
    private static partial void LogPosted(ILogger logger, string team, string channel, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest schedule stopped for team {Team}: Teams refused channel {Channel} ({Reason}). A moderator's `digest on` restarts it")]
    private static partial void LogStopped(ILogger logger, string team, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest for team {Team} failed (attempt {Attempt}); it is retried at the next check")]
    private static partial void LogFailed(ILogger logger, string team, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest check for team {Team} failed; it is retried at the next check")]
    private static partial void LogTeamFailed(ILogger logger, string team, Exception exception);
}
