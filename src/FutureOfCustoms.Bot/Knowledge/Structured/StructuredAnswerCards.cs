using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Answers;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Knowledge.Structured;

/// <summary>
/// A structure answer as the member reads it: the answer itself as the message text (a sentence with its citation
/// marker, within what a chat bubble shows), and a card with the whole list, its place in the document and the
/// action that opens it.
/// </summary>
internal sealed class StructuredAnswerCards(ICardRenderer cards)
{
    /// <summary>Items the card shows before "and N more"; the rest open in place.</summary>
    public const int ShownItems = 8;

    /// <summary>About what a chat bubble shows before the member has to open the card.</summary>
    public const int MaxTextLength = 400;

    public OutgoingMessage Answer(StructureAnswer answer, CultureInfo culture)
    {
        var heading = Heading(answer, culture);
        var marker = " [1]";
        var text = heading + marker;
        var citation = new MessageCitation(1, answer.CitationPath, AnswerCards.Abstract(string.Join("; ", answer.Items.Select(i => i.Text))));
        var data = new JsonObject
        {
            ["heading"] = heading,
            ["citation"] = answer.CitationPath,
            ["items"] = Items(answer.Items.Take(ShownItems), answer.Intent),
            ["showAllTitle"] = Text(nameof(StructuredStrings.ShowAll), culture),
        };
        if (answer.Items.Count > ShownItems)
        {
            data["moreLine"] = Plural.Format(culture, Text(nameof(StructuredStrings.More), culture), answer.Items.Count - ShownItems);
            data["rest"] = Items(answer.Items.Skip(ShownItems), answer.Intent, ShownItems);
        }

        if (culture.TwoLetterISOLanguageName != "en")
        {
            data["sourceNote"] = Text(nameof(StructuredStrings.SourceNote), culture);
        }

        AddOpenAction(data, answer, culture);
        return new OutgoingMessage(text, cards.Render("knowledge-structured", data), [citation]);
    }

    /// <summary>The answer in one sentence, naming the listed items while they fit the chat bubble, then "and N more".</summary>
    private static string Heading(StructureAnswer answer, CultureInfo culture)
    {
        var count = answer.Items.Count;
        switch (answer.Intent)
        {
            case StructureIntent.AuthorOfPaper:
                return string.Join(' ', answer.Items.Select(i => string.Format(culture, Text(nameof(StructuredStrings.AuthorOf), culture), i.Text, i.Detail)));
            case StructureIntent.BuildingBlock:
                var letter = answer.BlockLetter ?? 'a';
                var sentence = answer.Items[0].Text;
                return string.Format(culture, Text(nameof(StructuredStrings.Block), culture), letter - 'a' + 1, letter, answer.Subject, sentence);
            case StructureIntent.DiscussionQuestions when count == 1:
                return string.Format(culture, Text(nameof(StructuredStrings.Question), culture), answer.Items[0].Detail, answer.Items[0].Text);
            case StructureIntent.DiscussionQuestions:
                return Plural.Format(culture, Text(nameof(StructuredStrings.Questions), culture), count, answer.Subject);
        }

        var (name, arguments) = answer.Intent switch
        {
            StructureIntent.PapersByAuthor => (nameof(StructuredStrings.PapersBy), new object[] { answer.Subject }),
            StructureIntent.BodiesOfTopic => (nameof(StructuredStrings.Bodies), [answer.Subject]),
            _ => (answer.Members switch
            {
                MemberGroup.Universities => nameof(StructuredStrings.Members_Universities),
                MemberGroup.Administrations => nameof(StructuredStrings.Members_Administrations),
                MemberGroup.AcademiaAndPrivateSector => nameof(StructuredStrings.Members_AcademiaAndPrivateSector),
                _ => nameof(StructuredStrings.Members_Everyone),
            }, []),
        };
        var forms = Text(name, culture);
        string Sentence(string list) => Plural.Format(culture, forms, count, [.. arguments, list]);

        // As many items as keep the sentence within the bubble; the card has them all.
        for (var shown = count; shown > 0; shown--)
        {
            var names = answer.Items.Take(shown).Select(i => i.Text).ToList();
            if (shown < count)
            {
                names.Add(Plural.Format(culture, Text(nameof(StructuredStrings.More), culture), count - shown));
            }

            var candidate = Sentence(Join(names, culture));
            if (candidate.Length <= MaxTextLength || shown == 1)
            {
                return candidate;
            }
        }

        return Sentence(string.Empty);
    }

    private static string Join(List<string> names, CultureInfo culture) => names.Count switch
    {
        0 => string.Empty,
        1 => names[0],
        _ => string.Format(culture, Text(nameof(StructuredStrings.ListAnd), culture), string.Join(", ", names.Take(names.Count - 1)), names[^1]),
    };

    private static JsonArray Items(IEnumerable<StructureItem> items, StructureIntent intent, int offset = 0) =>
        [.. items.Select((item, i) => Item(item, intent, offset + i + 1))];

    /// <summary>A listed item; a discussion question keeps its own number, and its detail is that number.</summary>
    private static JsonObject Item(StructureItem item, StructureIntent intent, int position)
    {
        var isQuestion = intent == StructureIntent.DiscussionQuestions;
        var json = new JsonObject
        {
            ["marker"] = isQuestion && item.Detail is { } number ? number : position.ToString(CultureInfo.InvariantCulture),
            ["text"] = item.Text,
        };
        if (!isQuestion && item.Detail is { } detail)
        {
            json["detail"] = detail;
        }

        return json;
    }

    private static void AddOpenAction(JsonObject data, StructureAnswer answer, CultureInfo culture)
    {
        switch (answer.Intent)
        {
            case StructureIntent.PapersByAuthor or StructureIntent.AuthorOfPaper:
                data["catalogueVerb"] = CatalogueCommand.PapersVerb;
                data["openTitle"] = Text(nameof(StructuredStrings.Open_Papers), culture);
                break;
            case StructureIntent.DiscussionQuestions:
                data["catalogueVerb"] = CatalogueCommand.QuestionsVerb;
                data["openTitle"] = Text(nameof(StructuredStrings.Open_Questions), culture);
                break;
            case StructureIntent.BodiesOfTopic:
                data["catalogueVerb"] = CatalogueCommand.TopicsVerb;
                data["openTitle"] = Text(nameof(StructuredStrings.Open_Topics), culture);
                break;
            case StructureIntent.BuildingBlock:
                data["blockLetter"] = answer.BlockLetter.ToString();
                data["openTitle"] = string.Format(culture, KnowledgeStrings.ResourceManager.GetString(nameof(KnowledgeStrings.Answer_OpenBlock), culture)!, answer.BlockLetter);
                break;
            case StructureIntent.GroupMembers when answer.Paragraph is { } number:
                data["passageId"] = $"para-{number}";
                data["openTitle"] = string.Format(culture, Text(nameof(StructuredStrings.Open_Paragraph), culture), number);
                break;
        }
    }

    private static string Text(string name, CultureInfo culture) =>
        StructuredStrings.ResourceManager.GetString(name, culture) ?? throw new InvalidOperationException($"StructuredStrings has no '{name}'.");
}
