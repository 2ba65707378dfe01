using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>What one viewer of a poll card is: their ballot, and whether they see the moderator's buttons.</summary>
internal sealed record PollViewer(Ballot? Ballot, bool IsModerator);

/// <summary>The poll's cards: creation, preview, the poll itself (shared and per viewer), results, list, export.</summary>
internal sealed class PollCards(ICardRenderer cards)
{
    public const string VoteVerb = "poll.vote";
    public const string RefreshVerb = "poll.refresh";

    /// <summary>Teams refreshes a card per user automatically only for up to 60 listed users.</summary>
    private const int MaxRefreshUsers = 60;

    public static IReadOnlyList<string> TimeZones { get; } = [PollsOptions.DefaultTimeZone, "UTC", "Europe/London", "Europe/Paris", "Europe/Moscow", "Africa/Johannesburg", "Africa/Nairobi", "Africa/Casablanca", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "America/New_York", "America/Sao_Paulo"];

    public JsonObject Create(IEnumerable<(string Value, string Title)> topics) => cards.Render("polls-create", new
    {
        title = PollsStrings.Create_Title,
        questionLabel = PollsStrings.Create_Question,
        optionsLabel = PollsStrings.Create_Options,
        optionsPlaceholder = PollsStrings.Create_OptionsPlaceholder,
        prefillLabel = PollsStrings.Create_Prefill,
        topics = topics.Select(t => new { title = t.Title, value = t.Value }),
        maxChoicesLabel = PollsStrings.Create_MaxChoices,
        anonymousLabel = PollsStrings.Create_Anonymous,
        visibilityLabel = PollsStrings.Create_Visibility,
        visibilities = new[]
        {
            new { title = PollsStrings.Visibility_Live, value = nameof(PollVisibility.Live) },
            new { title = PollsStrings.Visibility_AfterVoting, value = nameof(PollVisibility.AfterVoting) },
            new { title = PollsStrings.Visibility_AfterClose, value = nameof(PollVisibility.AfterClose) },
        },
        closingLabel = PollsStrings.Create_Closing,
        timeZoneLabel = PollsStrings.Create_TimeZone,
        timeZones = TimeZones.Select(z => new { title = z, value = z }),
        defaultTimeZone = PollsOptions.DefaultTimeZone,
        previewTitle = PollsStrings.Create_PreviewButton,
    });

    /// <summary>
    /// The poll card. Without a viewer it is the shared card everyone sees in the conversation (counts only
    /// when they are public); with one, that member's own view (their choice, "change vote", counts once
    /// they may see them). <paramref name="refreshUserIds"/> asks Teams to fetch each listed member's view.
    /// </summary>
    public JsonObject Poll(Poll poll, PollResults results, PollViewer? viewer, IReadOnlyList<string>? refreshUserIds = null, bool preview = false)
    {
        var open = poll.Status == PollStatus.Open;
        var showCounts = poll.Status == PollStatus.Closed
            || poll.Visibility == PollVisibility.Live
            || (poll.Visibility == PollVisibility.AfterVoting && viewer?.Ballot is not null);
        var own = viewer?.Ballot?.Choices ?? [];
        var card = cards.Render("polls-poll", new
        {
            title = preview ? PollsStrings.Preview_Title : string.Format(CultureInfo.CurrentCulture, PollsStrings.Poll_Title, poll.Id),
            question = poll.Question,
            rule = Rule(poll),
            status = Status(poll),
            participation = preview ? null : PollTally.Participation(results.Ballots, results.Members),
            yourVote = own.Count > 0 ? string.Format(CultureInfo.CurrentCulture, PollsStrings.Poll_YourVote, string.Join(", ", poll.Options.Where(o => own.Contains(o.Id)).Select(o => o.Text))) : null,
            countsHidden = !showCounts && !preview ? (poll.Visibility == PollVisibility.AfterVoting ? PollsStrings.Poll_CountsAfterVoting : PollsStrings.Poll_CountsAfterClose) : null,
            showCounts = showCounts && !preview,
            counts = poll.Options.Select(o =>
            {
                var votes = results.Counts.FirstOrDefault(c => c.OptionId == o.Id)?.Votes ?? 0;
                return new { text = o.Text, bar = PollTally.Bar(votes, results.Ballots), votes = PollTally.VotesLine(votes, results.Ballots) };
            }),
            canVote = open && !preview,
            choiceLabel = PollsStrings.Poll_ChoiceLabel,
            multiSelect = poll.MaxChoices > 1,
            choices = poll.Options.Select(o => new { title = o.Text, value = o.Id }),
            chosen = string.Join(",", own),
            voteTitle = own.Count > 0 ? PollsStrings.Poll_ChangeVote : PollsStrings.Poll_Vote,
            pollId = poll.Id,
            canManage = open && !preview && viewer?.IsModerator != false,
            closeTitle = PollsStrings.Poll_Close,
            remindTitle = PollsStrings.Poll_Remind,
            canLaunch = preview,
            launchTitle = PollsStrings.Preview_Launch,
            previewOptions = preview ? poll.Options.Select(o => new { text = o.Text }) : [],
        });
        if (open && refreshUserIds is { Count: > 0 and <= MaxRefreshUsers })
        {
            card["refresh"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = PollsStrings.Poll_Refresh,
                    ["verb"] = RefreshVerb,
                    ["data"] = new JsonObject { ["pollId"] = poll.Id },
                },
                ["userIds"] = new JsonArray([.. refreshUserIds.Select(id => (JsonNode)JsonValue.Create(id))]),
            };
        }

        return card;
    }

    public JsonObject Results(Poll poll)
    {
        var results = poll.Results ?? new PollResults([], 0, 0);
        return cards.Render("polls-results", new
        {
            title = string.Format(CultureInfo.CurrentCulture, PollsStrings.Results_Title, poll.Id),
            question = poll.Question,
            outcome = Outcome(poll, results),
            participation = PollTally.Participation(results.Ballots, results.Members),
            ranked = PollTally.Ranked(poll, results).Select((x, i) => new
            {
                rank = (i + 1).ToString(CultureInfo.CurrentCulture),
                text = x.Option.Text,
                bar = PollTally.Bar(x.Votes, results.Ballots),
                votes = PollTally.VotesLine(x.Votes, results.Ballots),
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
                ? string.Join(" - ", Status(p), Outcome(p, r), PollTally.Participation(r.Ballots, r.Members))
                : Status(p),
        }),
    });

    public JsonObject Export(Poll poll, Uri csv, Uri xlsx) => cards.Render("polls-export", new
    {
        title = string.Format(CultureInfo.CurrentCulture, PollsStrings.Export_Title, poll.Id),
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

    private static string Rule(Poll poll)
    {
        var choices = poll.MaxChoices == 1 ? PollsStrings.Rule_Single : string.Format(CultureInfo.CurrentCulture, PollsStrings.Rule_Multiple, poll.MaxChoices);
        return string.Join(" - ", choices, poll.Anonymous ? PollsStrings.Rule_Anonymous : PollsStrings.Rule_Named);
    }

    private static string Status(Poll poll) => poll.Status switch
    {
        PollStatus.Closed => string.Format(CultureInfo.CurrentCulture, PollsStrings.Status_Closed, LocalTime(poll.ClosedAt ?? poll.CreatedAt, poll.TimeZone)),
        _ when poll.ClosesAt is { } closes => string.Format(CultureInfo.CurrentCulture, PollsStrings.Status_OpenUntil, LocalTime(closes, poll.TimeZone)),
        _ => PollsStrings.Status_Open,
    };
}
