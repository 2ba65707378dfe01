using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// The first question set: Annex III's paper and its questions come from the parsed document; which of them
/// are closed and what their choices are is this discussion's own data, kept here and nowhere else.
/// </summary>
internal static class AnnexIIIDiscussion
{
    public const string Name = "annex-iii";

    /// <summary>Closed questions by number, each choice a stored value with its translated label.</summary>
    private static readonly Dictionary<int, (string Value, Func<string> Label)[]> ClosedQuestions = new()
    {
        [3] = [("goods", () => DiscussionStrings.Choice_Goods), ("intangible", () => DiscussionStrings.Choice_Intangible), ("both", () => DiscussionStrings.Choice_Both), ("unsure", () => DiscussionStrings.Choice_Unsure)],
        [4] = [("yes", () => DiscussionStrings.Choice_Yes), ("no", () => DiscussionStrings.Choice_No), ("partly", () => DiscussionStrings.Choice_Partly)],
        [5] = [("suffice", () => DiscussionStrings.Choice_Suffice), ("revise", () => DiscussionStrings.Choice_Revise), ("new-instrument", () => DiscussionStrings.Choice_NewInstrument)],
    };

    private static readonly Dictionary<string, Func<string>> Labels = ClosedQuestions.Values.SelectMany(c => c).ToDictionary(c => c.Value, c => c.Label);

    public static DiscussionSet Create(DiscussionPaper paper, DateTimeOffset now, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var questions = paper.Questions
            .Select(q => new DiscussionQuestionDefinition(q.Number, q.Text, ClosedQuestions.TryGetValue(q.Number, out var choices) ? [.. choices.Select(c => new DiscussionChoice(c.Value))] : null))
            .ToList();
        return new DiscussionSet(Name, paper.Title, questions, DiscussionStatus.Open, now, createdBy, $"{paper.Author}, {paper.Organisation}", Summary(paper.Introduction));
    }

    /// <summary>The choice's label in the reader's language, or the moderator's words for sets of their own.</summary>
    public static string LabelOf(DiscussionChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Label ?? (Labels.TryGetValue(choice.Value, out var label) ? label() : choice.Value);
    }

    /// <summary>The introduction's first two sentences: the card's two-line summary.</summary>
    private static string Summary(string introduction)
    {
        var text = introduction.ReplaceLineEndings(" ").Trim();
        var end = 0;
        for (var sentence = 0; sentence < 2; sentence++)
        {
            var next = text.IndexOf(". ", end, StringComparison.Ordinal);
            if (next < 0)
            {
                return text;
            }

            end = next + 1;
        }

        return text[..end];
    }
}
