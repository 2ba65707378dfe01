using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// What one viewer of a poll card is: their ballot, whether they see the moderator's buttons, and their time zone
/// (IANA, from their Teams client) for the closing time.
/// </summary>
internal sealed record PollViewer(Ballot? Ballot, bool IsModerator, string? TimeZone = null);

/// <summary>What the creation dialog's inputs hold: empty for a new poll, the draft's for Edit.</summary>
internal sealed record PollForm(string DialogKey, string? LauncherId, string Question = "", string Options = "", int MaxChoices = 1, bool Anonymous = false, PollVisibility Visibility = PollVisibility.Live, string CloseDate = "", string CloseTime = "", string TimeZone = PollsOptions.DefaultTimeZone);

/// <summary>The poll's cards: launcher, creation dialog, preview, the poll itself (shared and per viewer), management dialog, results, list, export.</summary>
internal sealed class PollCards(ICardRenderer cards)
{
    public const string VoteVerb = "poll.vote";
    public const string RefreshVerb = "poll.refresh";

    /// <summary>Teams refreshes a card per user automatically only for up to 60 listed users.</summary>
    public const int MaxRefreshUsers = 60;

    public static IReadOnlyList<string> TimeZones { get; } = [PollsOptions.DefaultTimeZone, "UTC", "Europe/London", "Europe/Paris", "Europe/Moscow", "Africa/Johannesburg", "Africa/Nairobi", "Africa/Casablanca", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "America/New_York", "America/Sao_Paulo"];

    /// <summary>What <c>poll</c> posts: a button opening the creation dialog; the launched poll replaces it.</summary>
    public JsonObject Launcher() => cards.Render("polls-launcher", new
    {
        text = PollsStrings.Launcher_Text,
        createTitle = PollsStrings.Launcher_Create,
    });

    public JsonObject Create(IEnumerable<(string Value, string Title)> topics, PollForm form) => cards.Render("polls-create", new
    {
        intro = PollsStrings.Create_Intro,
        questionLabel = PollsStrings.Create_Question,
        question = form.Question,
        optionsLabel = PollsStrings.Create_Options,
        optionsPlaceholder = PollsStrings.Create_OptionsPlaceholder,
        options = form.Options,
        prefillLabel = PollsStrings.Create_Prefill,
        topics = topics.Select(t => new { title = t.Title, value = t.Value }),
        maxChoicesLabel = PollsStrings.Create_MaxChoices,
        maxChoices = form.MaxChoices,
        anonymousLabel = PollsStrings.Create_Anonymous,
        anonymous = form.Anonymous ? "true" : "false",
        visibilityLabel = PollsStrings.Create_Visibility,
        visibility = form.Visibility.ToString(),
        visibilities = new[]
        {
            new { title = PollsStrings.Visibility_Live, value = nameof(PollVisibility.Live) },
            new { title = PollsStrings.Visibility_AfterVoting, value = nameof(PollVisibility.AfterVoting) },
            new { title = PollsStrings.Visibility_AfterClose, value = nameof(PollVisibility.AfterClose) },
        },
        closingLabel = PollsStrings.Create_Closing,
        closeDate = form.CloseDate,
        closeTime = form.CloseTime,
        timeZoneLabel = PollsStrings.Create_TimeZone,
        timeZones = TimeZones.Select(z => new { title = z, value = z }),
        timeZone = form.TimeZone,
        previewTitle = PollsStrings.Create_PreviewButton,
        dialogKey = form.DialogKey,
        launcherId = form.LauncherId ?? string.Empty,
    });

    /// <summary>
    /// The poll card. Without a viewer it is the shared card everyone sees in the conversation (counts only when
    /// they are public, one Manage button whose role check is the server's); with one, that member's own view:
    /// their vote, the counts once they may see them, the closing time in their zone, the moderator's buttons
    /// for moderators. <paramref name="refreshUserIds"/> asks Teams to fetch each listed member's view.
    /// </summary>
    public JsonObject Poll(Poll poll, PollResults results, PollViewer? viewer, IReadOnlyList<string>? refreshUserIds = null, bool preview = false)
    {
        var culture = CultureInfo.CurrentCulture;
        var open = poll.Status == PollStatus.Open;
        var showCounts = !preview && (poll.Status == PollStatus.Closed
            || poll.Visibility == PollVisibility.Live
            || (poll.Visibility == PollVisibility.AfterVoting && viewer?.Ballot is not null));
        var own = viewer?.Ballot?.Choices ?? [];
        var canVote = open && !preview;

        // Each option once: with its count when counts are shown, in the voting choices while the poll is open,
        // and ranked once it is closed.
        var options = poll.Status == PollStatus.Closed
            ? PollTally.Ranked(poll, results).Select(x => new { line = RankedLine(culture, x, results.Ballots), value = x.Option.Id })
            : poll.Options.Select(o => new { line = showCounts ? OptionLine(culture, o.Text, results.Counts.FirstOrDefault(c => c.OptionId == o.Id)?.Votes ?? 0, results.Ballots) : o.Text, value = o.Id });
        var card = cards.Render("polls-poll", new
        {
            header = preview ? PollsStrings.Preview_Title : Header(poll),
            question = poll.Question,
            rule = Rule(culture, poll),
            status = Status(poll, viewer?.TimeZone),
            participation = preview ? null : PollTally.Participation(culture, results),
            outcome = poll.Status == PollStatus.Closed ? Outcome(poll, results) : null,
            canVote,
            options,
            countsHidden = !showCounts && !preview ? (poll.Visibility == PollVisibility.AfterVoting ? PollsStrings.Poll_CountsAfterVoting : PollsStrings.Poll_CountsAfterClose) : null,
            yourVote = own.Count > 0 ? string.Format(culture, PollsStrings.Poll_YourVote, string.Join(", ", poll.Options.Where(o => own.Contains(o.Id)).Select(o => o.Text))) : null,
            choiceLabel = PollsStrings.Poll_ChoiceLabel,
            multiSelect = poll.MaxChoices > 1,
            chosen = string.Join(",", own),
            voteTitle = own.Count > 0 ? PollsStrings.Poll_ChangeVote : PollsStrings.Poll_Vote,
            pollId = poll.Id,
            canModerate = open && !preview && viewer?.IsModerator == true,
            canManage = open && !preview && viewer is null,
            closeTitle = PollsStrings.Poll_Close,
            remindTitle = PollsStrings.Poll_Remind,
            exportTitle = PollsStrings.Poll_Export,
            manageTitle = PollsStrings.Poll_Manage,
            canLaunch = preview,
            editTitle = PollsStrings.Preview_Edit,
            launchTitle = PollsStrings.Preview_Launch,
        });
        if (open && !preview && refreshUserIds is { Count: > 0 })
        {
            // Up to 60 members Teams fetches each listed member's own view by itself; beyond, Teams offers
            // the refresh to each member by hand, so the card still says who voted what to its viewer.
            var refresh = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = PollsStrings.Poll_Refresh,
                    ["verb"] = RefreshVerb,
                    ["data"] = new JsonObject { ["pollId"] = poll.Id },
                },
            };
            if (refreshUserIds.Count <= MaxRefreshUsers)
            {
                refresh["userIds"] = new JsonArray([.. refreshUserIds.Select(id => (JsonNode)JsonValue.Create(id))]);
            }

            card["refresh"] = refresh;
        }

        return card;
    }

    /// <summary>The moderator's dialog for a poll: Close, Remind, Export, or, with <paramref name="confirmClose"/>, the question before closing.</summary>
    public JsonObject Manage(Poll poll, PollResults results, bool confirmClose)
    {
        var culture = CultureInfo.CurrentCulture;
        var participation = PollTally.Participation(culture, results);
        return cards.Render("polls-manage", new
        {
            question = poll.Question,
            status = Status(poll, viewerTimeZone: null),
            participation,
            confirm = confirmClose ? string.Format(culture, PollsStrings.Close_Confirm, participation) : null,
            confirmTitle = PollsStrings.Close_ConfirmButton,
            closeTitle = PollsStrings.Poll_Close,
            remindTitle = PollsStrings.Poll_Remind,
            exportTitle = PollsStrings.Poll_Export,
            pollId = poll.Id,
        });
    }

    /// <summary>The results: a donut for a single-choice poll, ranked bars otherwise, each with a ranked text list for clients and screen readers without charts.</summary>
    public JsonObject Results(Poll poll)
    {
        var culture = CultureInfo.CurrentCulture;
        var results = poll.Results ?? new PollResults([], 0, 0);
        return cards.Render("polls-results", new
        {
            title = Header(poll),
            question = poll.Question,
            outcome = Outcome(poll, results),
            participation = PollTally.Participation(culture, results),
            chartTitle = PollsStrings.Results_Chart,
            donut = poll.MaxChoices == 1,
            ranked = PollTally.Ranked(poll, results).Select(x => new
            {
                text = x.Option.Text,
                votes = x.Votes,
                line = RankedLine(culture, x, results.Ballots),
            }),
        });
    }

    public JsonObject List(IReadOnlyList<Poll> polls) => cards.Render("polls-list", new
    {
        title = PollsStrings.List_Title,
        empty = polls.Count == 0 ? PollsStrings.List_Empty : null,
        polls = polls.Select(p => new
        {
            heading = string.Format(CultureInfo.CurrentCulture, PollsStrings.List_Heading, p.Id, p.Question),
            detail = p.Status == PollStatus.Closed && p.Results is { } r
                ? string.Join(" - ", Status(p, viewerTimeZone: null), Outcome(p, r), PollTally.Participation(CultureInfo.CurrentCulture, r))
                : Status(p, viewerTimeZone: null),
        }),
    });

    public JsonObject Export(Poll poll, Uri csv, Uri xlsx) => cards.Render("polls-export", new
    {
        title = string.Format(CultureInfo.CurrentCulture, PollsStrings.Export_Title, poll.Question),
        note = poll.Anonymous ? PollsStrings.Export_AnonymousNote : PollsStrings.Export_NamedNote,
        csvTitle = PollsStrings.Export_Csv,
        csvUrl = csv.AbsoluteUri,
        xlsxTitle = PollsStrings.Export_Xlsx,
        xlsxUrl = xlsx.AbsoluteUri,
    });

    public static string Outcome(Poll poll, PollResults results)
    {
        var leaders = PollTally.Leaders(poll, results);
        return leaders.Count switch
        {
            0 => PollsStrings.Results_NoVotes,
            1 => string.Format(CultureInfo.CurrentCulture, PollsStrings.Results_Winner, leaders[0].Text),
            _ => string.Format(CultureInfo.CurrentCulture, PollsStrings.Results_Tie, string.Join(" / ", leaders.Select(l => l.Text))),
        };
    }

    /// <summary>The closing time as the moderator entered it: local time in their zone, with the zone's name.</summary>
    public static string LocalTime(DateTimeOffset utc, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return string.Format(CultureInfo.CurrentCulture, PollsStrings.LocalTime, local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), timeZone);
    }

    /// <summary>The group, "Poll" and who launched it: what a member needs to place the card, instead of its id.</summary>
    public static string Header(Poll poll) => string.Format(CultureInfo.CurrentCulture, PollsStrings.Poll_Header, poll.CreatedBy.Name);

    private static string OptionLine(CultureInfo culture, string text, int votes, int ballots)
        => string.Format(culture, PollsStrings.Poll_OptionCounts, text, PollTally.VotesLine(culture, votes, ballots));

    private static string RankedLine(CultureInfo culture, (PollOption Option, int Votes, int Rank) ranked, int ballots)
        => string.Format(culture, PollsStrings.Results_Line, ranked.Rank, ranked.Option.Text, PollTally.VotesLine(culture, ranked.Votes, ballots));

    private static string Rule(CultureInfo culture, Poll poll)
    {
        var choices = poll.MaxChoices == 1 ? PollsStrings.Rule_Single : PollTally.Counted(culture, nameof(PollsStrings.Rule_Multiple), poll.MaxChoices);
        return string.Join(" - ", choices, poll.Anonymous ? PollsStrings.Rule_Anonymous : PollsStrings.Rule_Named);
    }

    /// <summary>The closing time in the viewer's zone when their client gave a zone this machine knows, else in the zone the moderator chose.</summary>
    private static string Status(Poll poll, string? viewerTimeZone)
    {
        var zone = viewerTimeZone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(viewerTimeZone, out _) ? viewerTimeZone : poll.TimeZone;
        return poll.Status switch
        {
            PollStatus.Closed => string.Format(CultureInfo.CurrentCulture, PollsStrings.Status_Closed, LocalTime(poll.ClosedAt ?? poll.CreatedAt, zone)),
            _ when poll.ClosesAt is { } closes => string.Format(CultureInfo.CurrentCulture, PollsStrings.Status_OpenUntil, LocalTime(closes, zone)),
            _ => PollsStrings.Status_Open,
        };
    }
}
