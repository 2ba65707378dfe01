using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>The whole section a passage belongs to: long sections are cut into several passages for search.</summary>
internal sealed class SectionCommand(KnowledgeBase knowledge, ICardRenderer cards) : ICommandHandler
{
    public const string PassageIdField = "passageId";

    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Data.GetString(PassageIdField);
        var passage = knowledge.CorpusPassages.FirstOrDefault(p => p.Id == id);
        if (passage is null)
        {
            return Task.FromResult(CommandReply.Refusal(KnowledgeStrings.Section_Unknown));
        }

        var section = knowledge.CorpusPassages
            .Where(p => p.CitationPath == passage.CitationPath || p.CitationPath.StartsWith(passage.CitationPath + " > ", StringComparison.Ordinal))
            .ToList();
        var card = cards.Render("knowledge-section", new
        {
            title = passage.Title,
            citation = AnswerCards.Citation(passage),
            passages = section.Select(p => new { text = p.Text }),
        });
        return Task.FromResult(CommandReply.Card(card, passage.Title));
    }
}
