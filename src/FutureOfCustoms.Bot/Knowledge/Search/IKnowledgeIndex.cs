namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>One search contract, two providers (embedded Lucene, Azure AI Search); both pass KnowledgeIndexContract.</summary>
internal interface IKnowledgeIndex
{
    /// <summary>Replaces the corpus passages when they changed since the last run; passages added with
    /// <see cref="UpsertAsync"/> from other sources are kept. Returns true when the index was rebuilt.</summary>
    Task<bool> SynchronizeCorpusAsync(IReadOnlyList<Passage> corpus, CancellationToken cancellationToken);

    /// <param name="kinds">Only passages of these kinds (filtered in the index, before ranking); null: all.</param>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, IReadOnlyCollection<PassageKind>? kinds, CancellationToken cancellationToken);

    /// <summary>Adds or replaces passages by <see cref="Passage.Id"/>.</summary>
    Task UpsertAsync(IEnumerable<Passage> passages, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <summary>A stretch of <see cref="Passage.Text"/> that matched the question.</summary>
internal readonly record struct HighlightSpan(int Start, int Length);

/// <param name="MatchedTermShare">Share (0-1) of the question's distinct terms found in the passage: the basis of
/// the relevance threshold, comparable across providers unlike <paramref name="Score"/>.</param>
/// <param name="Evidence">What each side of the hybrid search said of the passage: its ranks and its cosine.</param>
internal sealed record SearchHit(Passage Passage, double Score, IReadOnlyList<HighlightSpan> Highlights, double MatchedTermShare, FusedCandidate Evidence)
{
    /// <summary>The passage text with matched terms wrapped, e.g. Mark("**", "**") for a card.</summary>
    public string Mark(string open, string close) => Mark(Passage.Text, 0, Passage.Text.Length, open, close);

    /// <summary>The stretch of about <paramref name="maxLength"/> characters around the first highlight, marked.</summary>
    public string Fragment(int maxLength, string open, string close)
    {
        var text = Passage.Text;
        if (text.Length <= maxLength)
        {
            return Mark(open, close);
        }

        var first = Highlights.Count > 0 ? Highlights[0].Start : 0;
        var start = Math.Max(0, Math.Min(first - (maxLength / 4), text.Length - maxLength));
        var space = text.LastIndexOf(' ', start);
        start = start == 0 || space < 0 ? start : space + 1;
        var end = Math.Min(text.Length, start + maxLength);
        var fragment = Mark(text, start, end, open, close);
        return (start > 0 ? "…" : string.Empty) + fragment + (end < text.Length ? "…" : string.Empty);
    }

    private string Mark(string text, int start, int end, string open, string close)
    {
        var builder = new System.Text.StringBuilder();
        var position = start;
        foreach (var span in Highlights.Where(h => h.Start >= start && h.Start + h.Length <= end))
        {
            builder.Append(text, position, span.Start - position).Append(open).Append(text, span.Start, span.Length).Append(close);
            position = span.Start + span.Length;
        }

        return builder.Append(text, position, end - position).ToString();
    }
}
