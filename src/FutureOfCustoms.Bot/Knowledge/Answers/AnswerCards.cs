using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>The answer card (the best passage with the answering sentences in bold and the question's words
/// highlighted, its citation, more results, feedback) and its message, which states the answer first.</summary>
internal sealed class AnswerCards(ICardRenderer cards)
{
    public const int MoreResultsLength = 400;
    public const int CitationAbstractLength = 160;

    public OutgoingMessage Answer(QuestionRecord question, KnowledgeSearchResult result, AnswerVote? thanksFor = null)
    {
        var best = result.Hits[0];
        var more = result.Hits.Skip(1).Take(2).ToList();
        var block = best.Passage.BuildingBlock;
        var data = new JsonObject
        {
            ["heading"] = KnowledgeStrings.Answer_Heading,
            ["question"] = question.Text,
            ["passageTitle"] = best.Passage.Title,
            ["runs"] = Runs(best, result.AnswerSentences ?? []),
            ["citation"] = Citation(best.Passage),
            ["moreTitle"] = KnowledgeStrings.Answer_MoreResults,
            ["more"] = new JsonArray([.. more.Select(hit => new JsonObject
            {
                ["title"] = hit.Passage.Title,
                ["text"] = hit.Fragment(MoreResultsLength, string.Empty, string.Empty),
                ["citation"] = Citation(hit.Passage),
                ["passageId"] = hit.Passage.Id,
                ["sectionTitle"] = KnowledgeStrings.Answer_OpenSection,
            })]),
            ["passageId"] = best.Passage.Id,
            ["sectionTitle"] = KnowledgeStrings.Answer_OpenSection,
            ["questionId"] = question.Id,
            ["helpfulTitle"] = KnowledgeStrings.Answer_Helpful,
            ["notHelpfulTitle"] = KnowledgeStrings.Answer_NotHelpful,
        };
        if (block is { } letter)
        {
            data["blockLetter"] = letter.ToString();
            data["blockTitle"] = string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Answer_OpenBlock, letter);
        }

        if (result.AskedInFrench)
        {
            data["languageNote"] = KnowledgeStrings.Answer_QuotedInEnglish;
        }

        if (thanksFor is { } vote)
        {
            data["thanks"] = vote == AnswerVote.Helpful ? KnowledgeStrings.Feedback_ThanksHelpful : KnowledgeStrings.Feedback_ThanksNotHelpful;
        }

        var citations = new[] { new MessageCitation(1, best.Passage.CitationPath, Abstract(best.Passage.Text)) };
        return new OutgoingMessage(Summary(result), cards.Render("knowledge-answer", data), citations);
    }

    /// <summary>
    /// What the bot says first, in the message text (and the CLI's <c>answer</c>): the sentences of the best passage
    /// that answer the question, each with the marker of its citation. Without chosen sentences, the passage's title.
    /// </summary>
    /// <param name="markdown">For Teams, whose message text is markdown: the document's words are escaped so they show
    /// as written. The CLI prints the same words plain.</param>
    public static string Summary(KnowledgeSearchResult result, bool markdown = true)
    {
        string Words(string text) => markdown ? CardText.Escape(text) : text;
        return result.AnswerText is { Count: > 0 } sentences
            ? string.Join(' ', sentences.Select(s => Words(s.ReplaceLineEndings(" ")) + " [1]"))
            : string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Answer_Summary, Words(result.Hits[0].Passage.Title), "[1]");
    }

    public static string Citation(Passage passage) => passage.ParagraphNumber is { } number && !passage.CitationPath.Contains($"Paragraph {number}", StringComparison.Ordinal)
        ? string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Answer_CitationWithParagraph, passage.CitationPath, number)
        : passage.CitationPath;

    /// <summary>The whole passage as text runs: the answer's sentences bold, the question's words highlighted.</summary>
    private static JsonArray Runs(SearchHit best, IReadOnlyList<SentenceSpan> sentences)
    {
        var text = best.Passage.Text;
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var (start, length) in sentences.Select(s => (s.Start, s.Length)).Concat(best.Highlights.Select(h => (h.Start, h.Length))))
        {
            cuts.Add(start);
            cuts.Add(Math.Min(text.Length, start + length));
        }

        var runs = new JsonArray();
        foreach (var (start, end) in cuts.Zip(cuts.Skip(1)))
        {
            var run = new JsonObject
            {
                ["text"] = text[start..end],
                ["weight"] = sentences.Any(s => start >= s.Start && end <= s.End) ? "Bolder" : "Default",
                ["highlight"] = best.Highlights.Any(h => start >= h.Start && end <= h.Start + h.Length),
            };
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>A citation's extract as Teams shows it (at most <see cref="CitationAbstractLength"/> characters), cut at
    /// a word's end with "…" so no word is ever cut.</summary>
    internal static string Abstract(string text)
    {
        if (text.Length <= CitationAbstractLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', CitationAbstractLength - 2);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : CitationAbstractLength - 1), "…");
    }
}
