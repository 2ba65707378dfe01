using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>The answer card (best passage highlighted, its citation, more results, feedback) and its message.</summary>
internal sealed class AnswerCards(ICardRenderer cards)
{
    public const int FragmentLength = 700;
    public const int MoreResultsLength = 400;
    public const int CitationAbstractLength = 160;

    // Control characters never occur in the document, so they can mark highlights without clashing with its text.
    private const string Open = "\u0001";
    private const string Close = "\u0002";

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
            ["runs"] = Runs(best.Fragment(FragmentLength, Open, Close)),
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

        var citations = result.Hits.Take(3).Select((hit, i) => new MessageCitation(i + 1, hit.Passage.CitationPath, Abstract(hit.Passage.Text))).ToList();
        var summary = string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Answer_Summary, CardText.Escape(best.Passage.Title), string.Join(' ', citations.Select(c => $"[{c.Position}]")));
        return new OutgoingMessage(summary, cards.Render("knowledge-answer", data), citations);
    }

    public static string Citation(Passage passage) => passage.ParagraphNumber is { } number && !passage.CitationPath.Contains($"Paragraph {number}", StringComparison.Ordinal)
        ? string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Answer_CitationWithParagraph, passage.CitationPath, number)
        : passage.CitationPath;

    /// <summary>The fragment cut into text runs, bold where a matched term is.</summary>
    private static JsonArray Runs(string marked)
    {
        var runs = new JsonArray();
        var bold = false;
        foreach (var piece in marked.Split([Open, Close], StringSplitOptions.None))
        {
            if (piece.Length > 0)
            {
                runs.Add(new JsonObject { ["text"] = piece, ["weight"] = bold ? "Bolder" : "Default" });
            }

            bold = !bold;
        }

        return runs;
    }

    private static string Abstract(string text) => text.Length <= CitationAbstractLength ? text : string.Concat(text.AsSpan(0, CitationAbstractLength - 1), "…");
}
