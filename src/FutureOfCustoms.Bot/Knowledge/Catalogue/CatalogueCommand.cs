using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Knowledge.Catalogue;

/// <summary>The document's catalogue as cards: building blocks, Annex II topics, the submitted papers, Annex III's questions.
/// Every title, author and body comes from the parsed document.</summary>
internal sealed class CatalogueCommand(KnowledgeBase knowledge, IEnumerable<ICatalogueTopicSource> topicSources, ICardRenderer cards) : ICommandHandler
{
    public const string BlocksVerb = "knowledge.blocks";
    public const string TopicsVerb = "knowledge.topics";
    public const string PapersVerb = "knowledge.papers";
    public const string QuestionsVerb = "knowledge.questions";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => context.Verb switch
    {
        BlocksVerb => Blocks(),
        TopicsVerb => await TopicsAsync(cancellationToken),
        PapersVerb => Papers(),
        QuestionsVerb => Questions(),
        _ => throw new InvalidOperationException($"{nameof(CatalogueCommand)} is not registered for the verb '{context.Verb}'."),
    };

    private CommandReply Blocks()
    {
        var card = cards.Render("knowledge-blocks", new
        {
            heading = KnowledgeStrings.Blocks_Heading,
            intro = KnowledgeStrings.Blocks_Intro,
            blocks = knowledge.BuildingBlocks.Select(b => new { letter = b.Letter.ToString(), line = BlockCommand.Label(b) }),
        });
        return CommandReply.Card(card, KnowledgeStrings.Blocks_Heading);
    }

    private async Task<CommandReply> TopicsAsync(CancellationToken cancellationToken)
    {
        var suggested = new List<CatalogueTopic>();
        foreach (var source in topicSources)
        {
            suggested.AddRange(await source.ListAsync(cancellationToken));
        }

        var card = cards.Render("knowledge-topics", new
        {
            heading = KnowledgeStrings.Topics_Heading,
            lists = knowledge.AnnexIITopics.GroupBy(t => t.List).Select(list => new
            {
                title = $"{list.Key}) {list.First().ListTitle}",
                topics = list.Select(t => new { title = t.Title, detail = Detail(t.Bodies, t.TakenUpBy) }),
            }),
            suggestedHeading = KnowledgeStrings.Topics_Suggested,
            suggested = suggested.Select(t => new
            {
                title = t.Title,
                detail = string.Join(" · ", new[] { Detail(t.Bodies, t.TakenUpBy), KnowledgeStrings.Topics_SuggestedMark }.Where(s => s.Length > 0)),
            }),
        });
        return CommandReply.Card(card, KnowledgeStrings.Topics_Heading);
    }

    private CommandReply Papers()
    {
        var card = cards.Render("knowledge-papers", new
        {
            heading = Plural.Format(CultureInfo.CurrentUICulture, KnowledgeStrings.Papers_Heading, knowledge.Papers.Count),
            citation = KnowledgeStrings.Papers_Citation,
            papers = knowledge.Papers.Select(p => new { title = p.Title, author = p.Author }),
        });
        return CommandReply.Card(card, KnowledgeStrings.Papers_Title);
    }

    private CommandReply Questions()
    {
        if (knowledge.DiscussionPaper is not { } paper)
        {
            return CommandReply.Text(KnowledgeStrings.Questions_None);
        }

        var card = cards.Render("knowledge-questions", new
        {
            heading = KnowledgeStrings.Questions_Heading,
            title = paper.Title,
            byline = string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Questions_Byline, paper.Author, paper.Organisation),
            questions = paper.Questions.Select(q => new
            {
                label = string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Questions_Label, q.Number),
                text = q.Text,
            }),
        });
        return CommandReply.Card(card, KnowledgeStrings.Questions_Heading);
    }

    private static string Detail(IReadOnlyList<string> bodies, string? takenUpBy)
    {
        var parts = new List<string>();
        if (bodies.Count > 0)
        {
            parts.Add(string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Topics_Bodies, string.Join(", ", bodies)));
        }

        if (takenUpBy is not null)
        {
            parts.Add(string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Topics_TakenUpBy, takenUpBy));
        }

        return string.Join(" · ", parts);
    }
}
