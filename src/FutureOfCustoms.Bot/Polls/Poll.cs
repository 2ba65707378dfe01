using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Polls;

internal enum PollStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>When members see the counts: always, once they have voted, or only when the poll is closed.</summary>
internal enum PollVisibility
{
    Live,
    AfterVoting,
    AfterClose,
}

/// <summary>Where the results card of a closed poll stands; the closing service retries a failed one.</summary>
internal enum ResultsDelivery
{
    /// <summary>An instance is posting them (since <see cref="Poll.ResultsClaimedAt"/>).</summary>
    Posting,

    /// <summary>Teams did not take them, even after retrying: the next check tries again.</summary>
    Failed,

    Posted,

    /// <summary>Teams refused the conversation (the bot was removed): not tried again.</summary>
    Unreachable,

    /// <summary>Teams never answered the results post: they may be in the conversation, so they are not posted again.</summary>
    Unknown,
}

internal sealed record PollOption(string Id, string Text);

internal sealed record OptionCount(string OptionId, int Votes);

/// <summary>
/// The counts frozen at close; <see cref="Members"/> is 0 when the roster could not be read. <see cref="Ballots"/>
/// counts every ballot, <see cref="MemberBallots"/> those of members (null for polls closed before it was kept).
/// </summary>
internal sealed record PollResults(IReadOnlyList<OptionCount> Counts, int Ballots, int Members, int? MemberBallots = null)
{
    /// <summary>The "n" of "n of N members have voted": never more than <see cref="Members"/>.</summary>
    public int Voters => MemberBallots ?? Ballots;
}

/// <summary>One poll, stored as one document; its ballots live in their own partition (see <see cref="PollStore"/>).</summary>
internal sealed record Poll
{
    public required string Id { get; init; }

    public required string Question { get; init; }

    public required IReadOnlyList<PollOption> Options { get; init; }

    public int MaxChoices { get; init; } = 1;

    public bool Anonymous { get; init; }

    public PollVisibility Visibility { get; init; }

    /// <summary>UTC; shown in <see cref="TimeZone"/>, the zone the moderator entered it in.</summary>
    public DateTimeOffset? ClosesAt { get; init; }

    public string TimeZone { get; init; } = PollsOptions.DefaultTimeZone;

    /// <summary>The language of the shared cards (the moderator's when creating).</summary>
    public string Culture { get; init; } = "en";

    public required string ConversationId { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The posted poll card, updated as votes come in and when the poll closes.</summary>
    public string? MessageId { get; init; }

    public required UserRef CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LaunchedAt { get; init; }

    public PollStatus Status { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public PollResults? Results { get; init; }

    /// <summary>The creation dialog's key: a dialog submitted twice finds the poll it made instead of making another.</summary>
    public string? DialogKey { get; init; }

    /// <summary>The card the moderator opened the dialog from after typing <c>poll</c>: the launched poll takes its place.</summary>
    public string? LauncherMessageId { get; init; }

    /// <summary>Null until the poll closes (and for polls closed before delivery was tracked).</summary>
    public ResultsDelivery? ResultsDelivery { get; init; }

    public DateTimeOffset? ResultsClaimedAt { get; init; }
}

/// <summary>
/// A member's current ballot. For an anonymous poll only the choices are kept: the document's id (a keyed
/// hash) is the one link to the voter, enough to replace a ballot and to know who has not voted.
/// </summary>
internal sealed record Ballot(IReadOnlyList<string> Choices, string? VoterId = null, string? VoterName = null, string? VoterAadObjectId = null, DateTimeOffset? CastAt = null);
