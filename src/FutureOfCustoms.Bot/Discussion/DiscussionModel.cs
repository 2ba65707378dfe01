namespace FutureOfCustoms.Bot.Discussion;

public enum DiscussionStatus
{
    Open,
    Closed,
}

/// <summary>A structured answer option of a closed question. <see cref="Label"/> is null when the label is a
/// translated resource (the Annex III sets), and the moderator's own words for sets defined from a card.</summary>
internal sealed record DiscussionChoice(string Value, string? Label = null);

internal sealed record DiscussionQuestionDefinition(int Number, string Text, IReadOnlyList<DiscussionChoice>? Choices = null)
{
    public bool IsClosed => Choices is { Count: > 0 };
}

/// <summary>Where the discussion card was posted, so every answer can refresh its counts there.</summary>
internal sealed record DiscussionPost(string ConversationId, string MessageId, string? TenantId, string Culture);

/// <summary>
/// One set of questions put to the group. The Annex III set is built from the parsed paper, so
/// <see cref="PaperAuthor"/> is set for it only and the card then links to the paper.
/// </summary>
internal sealed record DiscussionSet(
    string Name,
    string Title,
    IReadOnlyList<DiscussionQuestionDefinition> Questions,
    DiscussionStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? PaperAuthor = null,
    string? Summary = null,
    IReadOnlyList<DiscussionPost>? Posts = null)
{
    public IReadOnlyList<DiscussionPost> PostedAt => Posts ?? [];

    public DiscussionQuestionDefinition? Question(int number) => Questions.FirstOrDefault(q => q.Number == number);
}

/// <summary>One version of an answer: who wrote it and when. Versions are only ever appended.</summary>
internal sealed record AnswerVersion(string Text, string? Choice, string Administration, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A delegate's answer to one question, with every version they wrote.</summary>
internal sealed record DiscussionAnswer(
    string Discussion,
    int Question,
    string AuthorKey,
    string AuthorId,
    string AuthorName,
    string? AuthorAadObjectId,
    IReadOnlyList<AnswerVersion> Versions)
{
    public AnswerVersion Current => Versions[^1];

    public DateTimeOffset AnsweredAt => Versions[0].ChangedAt;

    public static string IdOf(int question, string authorKey) => $"q{question:D2}-{authorKey}";
}

/// <summary>
/// One version of an answer, filed under the time it was written (see <see cref="DiscussionStore"/>), so the
/// digest reads a period's activity without reading every answer.
/// </summary>
internal sealed record AnswerActivity(int Question, string AuthorKey, int Version, DateTimeOffset ChangedAt)
{
    public bool IsFirst => Version == 0;
}

/// <summary>
/// What participation needs of all the answers of a discussion, kept in step with every answer written:
/// how many delegates answered, and how many answers each administration (trimmed, as typed) currently has.
/// </summary>
internal sealed record AnswerTally(int Delegates, IReadOnlyDictionary<string, int> Administrations)
{
    public static AnswerTally Of(IReadOnlyCollection<DiscussionAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var administrations = answers.GroupBy(a => a.Current.Administration.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new AnswerTally(answers.Select(a => a.AuthorKey).Distinct(StringComparer.Ordinal).Count(), administrations);
    }

    /// <summary>The tally once an answer's current version <paramref name="previous"/> (null for a new answer) becomes <paramref name="next"/>.</summary>
    public AnswerTally With(AnswerVersion? previous, AnswerVersion next, bool newDelegate)
    {
        ArgumentNullException.ThrowIfNull(next);
        var administrations = new Dictionary<string, int>(Administrations, StringComparer.Ordinal);
        if (previous?.Administration.Trim() is { } before && administrations.GetValueOrDefault(before) is var count and > 0)
        {
            // Administrations no answer names any more are dropped, so the tally stays the size of the group.
            if (count == 1)
            {
                administrations.Remove(before);
            }
            else
            {
                administrations[before] = count - 1;
            }
        }

        var after = next.Administration.Trim();
        administrations[after] = administrations.GetValueOrDefault(after) + 1;
        return new AnswerTally(Delegates + (newDelegate ? 1 : 0), administrations);
    }
}
