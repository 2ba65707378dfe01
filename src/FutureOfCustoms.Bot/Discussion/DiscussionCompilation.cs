namespace FutureOfCustoms.Bot.Discussion;

internal sealed record ChoiceTally(string Value, string Label, int Count);

internal sealed record Participation(int Delegates, int Administrations);

/// <summary>How answers are grouped and counted, the same for the card, the export and the digest.</summary>
internal static class DiscussionCompilation
{
    /// <summary>A question's answers, by administration then author, so the compilation reads like a PTC annex.</summary>
    public static IReadOnlyList<DiscussionAnswer> ForQuestion(IEnumerable<DiscussionAnswer> answers, int question)
        => [.. answers.Where(a => a.Question == question)
            .OrderBy(a => a.Current.Administration, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(a => a.AuthorName, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>Every choice of a closed question with its count, zeros included, in the question's order.</summary>
    public static IReadOnlyList<ChoiceTally> Tallies(DiscussionQuestionDefinition question, IEnumerable<DiscussionAnswer> answers)
    {
        var counts = answers.Where(a => a.Question == question.Number && a.Current.Choice is not null)
            .GroupBy(a => a.Current.Choice!)
            .ToDictionary(g => g.Key, g => g.Count());
        return [.. (question.Choices ?? []).Select(c => new ChoiceTally(c.Value, AnnexIIIDiscussion.LabelOf(c), counts.GetValueOrDefault(c.Value)))];
    }

    /// <summary>Counted through the tally, so the card and the digest cannot count differently.</summary>
    public static Participation Participation(IEnumerable<DiscussionAnswer> answers)
        => Participation(AnswerTally.Of([.. answers]));

    /// <summary>The same counts from the tally kept beside the answers, without reading them.</summary>
    public static Participation Participation(AnswerTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new Participation(
            tally.Delegates,
            tally.Administrations.Where(a => a.Value > 0).Select(a => a.Key).Distinct(StringComparer.CurrentCultureIgnoreCase).Count());
    }
}
