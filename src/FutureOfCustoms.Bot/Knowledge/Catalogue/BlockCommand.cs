using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Knowledge.Catalogue;

/// <summary>One building block: the C21 extract, the progress so far and the VWG FC's input.
/// Typed as "block c", or from a card with data.letter.</summary>
internal sealed class BlockCommand(KnowledgeBase knowledge, ICardRenderer cards) : ICommandHandler
{
    public const string Verb = "knowledge.block";
    public const string LetterField = "letter";
    public const string LetterPattern = "^[a-jA-J]$";

    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var letter = context.IsFromCard ? context.Data.GetString(LetterField) : context.Arguments;
        var block = letter is { Length: 1 } ? knowledge.BuildingBlocks.FirstOrDefault(b => b.Letter == char.ToLowerInvariant(letter[0])) : null;
        if (block is null)
        {
            return Task.FromResult(CommandReply.Refusal(KnowledgeStrings.Block_Unknown));
        }

        var card = cards.Render("knowledge-block", new
        {
            title = Label(block),
            c21Heading = KnowledgeStrings.Block_C21,
            c21 = block.C21Extract,
            progressHeading = KnowledgeStrings.Block_Progress,
            progress = block.ProgressSoFar.Length > 0 ? block.ProgressSoFar : KnowledgeStrings.Block_NoProgress,
            inputHeading = KnowledgeStrings.Block_Input,
            inputs = block.VwgFcInput.Select(t => new { title = t.Title, text = t.Text }),
        });
        return Task.FromResult(CommandReply.Card(card, Label(block)));
    }

    public static string Label(BuildingBlock block) => $"({block.Letter}) {block.Title}";
}
