using System.Globalization;
using FutureOfCustoms.Bot.Localization;
using FutureOfCustoms.Bot.Polls;

namespace FutureOfCustoms.Bot.Board;

/// <summary>One option's count as the page shows it; <see cref="Votes"/> is null when the viewer may not see counts yet.</summary>
internal sealed record BoardOptionCount(string Id, string Text, int? Votes, string? VotesLabel);

/// <summary>A voter of a named poll, shown to moderators only.</summary>
internal sealed record BoardVoter(string Name, IReadOnlyList<string> Choices);

internal sealed record BoardPoll(
    string Id,
    string Question,
    bool Open,
    bool Anonymous,
    int MaxChoices,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    bool CountsVisible,
    string? CountsHiddenNote,
    int Ballots,
    string BallotsLabel,
    IReadOnlyList<BoardOptionCount> Options,
    IReadOnlyList<BoardVoter>? Voters);

/// <summary>What a live viewer receives when the counts change: the same counts and labels as <see cref="BoardPoll"/>.</summary>
internal sealed record BoardLiveCounts(long Version, bool Open, bool CountsVisible, int Ballots, string BallotsLabel, IReadOnlyList<BoardOptionCount> Options);

/// <summary>
/// The polls of a board, read through the polls' own store, with the cards' rules: drafts are never shown, counts
/// follow the poll's visibility (always, once the viewer voted, or after closing), anonymous polls never name a
/// voter, and named ones name them to moderators only.
/// </summary>
internal sealed class BoardPolls(PollStore store, PollRoster roster)
{
    public async Task<IReadOnlyList<BoardPoll>> ListAsync(BoardViewer viewer, CancellationToken cancellationToken)
    {
        var polls = (await store.ListAsync(cancellationToken))
            .Where(p => p.Status != PollStatus.Draft && viewer.Scope.Covers(p.ConversationId))
            .OrderByDescending(p => p.LaunchedAt ?? p.CreatedAt)
            .ToList();
        var shown = new List<BoardPoll>(polls.Count);
        foreach (var poll in polls)
        {
            shown.Add(await ViewAsync(poll, viewer, cancellationToken));
        }

        return shown;
    }

    /// <summary>A poll of the board's scope, or null (unknown, a draft, or another team's: the caller answers 404).</summary>
    public async Task<Poll?> FindAsync(string pollId, BoardViewer viewer, CancellationToken cancellationToken)
        => await store.GetAsync(pollId, cancellationToken) is { Status: not PollStatus.Draft } poll && viewer.Scope.Covers(poll.ConversationId) ? poll : null;

    public async Task<BoardPoll> ViewAsync(Poll poll, BoardViewer viewer, CancellationToken cancellationToken)
    {
        var visible = await CountsVisibleAsync(poll, viewer, cancellationToken);
        var (ballots, counts) = poll.Results is { } results
            ? (results.Ballots, (IReadOnlyDictionary<string, int>)results.Counts.ToDictionary(c => c.OptionId, c => c.Votes, StringComparer.Ordinal))
            : await OpenCountsAsync(poll, cancellationToken);
        var voters = poll.Anonymous || !viewer.IsModerator ? null : await VotersAsync(poll, cancellationToken);
        var members = await MembersAsync(poll, cancellationToken);
        return new BoardPoll(
            poll.Id,
            poll.Question,
            poll.Status == PollStatus.Open,
            poll.Anonymous,
            poll.MaxChoices,
            poll.ClosesAt,
            poll.ClosedAt,
            visible,
            visible ? null : HiddenNote(poll, viewer.Culture),
            ballots,
            BallotsLabel(ballots, members, viewer.Culture),
            Options(poll, counts, visible, viewer.Culture),
            voters);
    }

    /// <summary>The live counts for one viewer; whether they may see them is decided by the caller (see <see cref="CountsVisibleAsync"/>).</summary>
    public static BoardLiveCounts Live(Poll poll, LiveCounts counts, bool visible, int members, CultureInfo culture)
        => new(counts.Version, counts.Open, visible, counts.Ballots, BallotsLabel(counts.Ballots, members, culture), Options(poll, counts.Counts, visible, culture));

    /// <summary>The size of the poll's conversation: frozen at close, else the (cached) roster.</summary>
    public async Task<int> MembersAsync(Poll poll, CancellationToken cancellationToken)
        => poll.Results?.Members ?? (await roster.MembersAsync(poll.ConversationId, cancellationToken)).Count;

    /// <summary>The cards' rule: closed, live, or after voting once this viewer has a ballot.</summary>
    public async Task<bool> CountsVisibleAsync(Poll poll, BoardViewer viewer, CancellationToken cancellationToken)
        => poll.Status == PollStatus.Closed
            || poll.Visibility == PollVisibility.Live
            || (poll.Visibility == PollVisibility.AfterVoting && await store.BallotAsync(poll, viewer.User, cancellationToken) is not null);

    private async Task<(int Ballots, IReadOnlyDictionary<string, int> Counts)> OpenCountsAsync(Poll poll, CancellationToken cancellationToken)
    {
        var box = await store.BoxAsync(poll, cancellationToken);
        return (box.Ballots, box.Counts);
    }

    private async Task<IReadOnlyList<BoardVoter>> VotersAsync(Poll poll, CancellationToken cancellationToken)
    {
        var texts = poll.Options.ToDictionary(o => o.Id, o => o.Text, StringComparer.Ordinal);
        return [.. (await store.BallotsAsync(poll.Id, cancellationToken))
            .Select(b => new BoardVoter(b.Value.VoterName ?? b.Id, [.. b.Value.Choices.Select(c => texts.GetValueOrDefault(c, c))]))
            .OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    private static IReadOnlyList<BoardOptionCount> Options(Poll poll, IReadOnlyDictionary<string, int> counts, bool visible, CultureInfo culture)
        => [.. poll.Options.Select(o =>
        {
            var votes = counts.GetValueOrDefault(o.Id);
            return visible
                ? new BoardOptionCount(o.Id, o.Text, votes, Plural.Format(culture, BoardStrings.ResourceManager.GetString(nameof(BoardStrings.Count_Votes), culture)!, votes))
                : new BoardOptionCount(o.Id, o.Text, null, null);
        })];

    /// <summary>"n of N members have voted" when the roster is known and holds every voter, else "n members have voted".</summary>
    private static string BallotsLabel(int ballots, int members, CultureInfo culture)
        => members > 0 && ballots <= members
            ? Plural.Format(culture, BoardStrings.ResourceManager.GetString(nameof(BoardStrings.Count_VotedOfMembers), culture)!, ballots, members)
            : Plural.Format(culture, BoardStrings.ResourceManager.GetString(nameof(BoardStrings.Count_Voted), culture)!, ballots);

    private static string HiddenNote(Poll poll, CultureInfo culture)
        => BoardStrings.ResourceManager.GetString(poll.Visibility == PollVisibility.AfterVoting ? nameof(BoardStrings.Poll_CountsAfterVoting) : nameof(BoardStrings.Poll_CountsAfterClose), culture)!;
}
