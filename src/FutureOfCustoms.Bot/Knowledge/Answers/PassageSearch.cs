using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Knowledge.Catalogue;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>A passage a member can insert into a conversation: the preview Teams lists and the card it inserts.</summary>
internal sealed record PassageResult(string Title, string Subtitle, string Preview, JsonObject Card);

/// <summary>The search-based message extension: passages for a query, the 10 building blocks for an empty one.</summary>
internal sealed class PassageSearch(KnowledgeBase knowledge, ICardRenderer cards)
{
    public const int MaxResults = 10;
    public const int MaxQueryLength = 200;
    public const int PreviewLength = 160;

    public async Task<IReadOnlyList<PassageResult>> QueryAsync(string? query, CancellationToken cancellationToken)
    {
        query = query?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return [.. knowledge.BuildingBlocks.Select(b => Result(BlockCommand.Label(b), KnowledgeStrings.Search_BlockSubtitle, b.C21Extract))];
        }

        if (query.Length > MaxQueryLength)
        {
            query = query[..MaxQueryLength];
        }

        var result = await knowledge.SearchAsync(query, MaxResults, cancellationToken);
        return [.. result.Hits.Select(hit => Result(hit.Passage.Title, AnswerCards.Citation(hit.Passage), hit.Passage.Text))];
    }

    private PassageResult Result(string title, string citation, string text)
        => new(title, citation, text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 1), "…"), cards.Render("knowledge-passage", new { title, text, citation }));
}
