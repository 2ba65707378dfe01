using System.Globalization;
using System.Text;
using FutureOfCustoms.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>A topic the group already has that a new suggestion looks like.</summary>
internal sealed record SimilarTopic(string Id, string Line);

/// <summary>
/// Flags a suggestion that repeats a topic the group has: Annex II topics and accepted suggestions through
/// the search index (stemming and acronyms), pending suggestions in memory (not indexed until accepted).
/// The index only proposes candidates; a candidate counts when its title shares enough words with the
/// suggestion's title, so a long "why" that merely mentions customs words flags nothing.
/// </summary>
internal sealed class SuggestionSimilarity(KnowledgeBase knowledge, IOptions<SuggestionsOptions> options)
{
    private const int Candidates = 20;

    // Words every topic of this group shares; they say nothing about which topic it is.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "of", "in", "on", "to", "a", "an", "with", "by", "its", "their", "incl", "including", "what", "how",
        "customs", "wco", "future", "new", "topic", "les", "des", "de", "la", "le", "et", "du", "douane", "douanes",
    };

    public async Task<IReadOnlyList<SimilarTopic>> FindAsync(SuggestionFields fields, IReadOnlyList<Suggestion> earlier, string? excludeId, CancellationToken cancellationToken)
    {
        var words = Words(fields.Title);
        var found = new List<SimilarTopic>();
        var search = await knowledge.SearchAsync(fields.Title + "\n" + fields.Why, Candidates, [PassageKind.AnnexIITopic], cancellationToken);
        foreach (var hit in search.Hits)
        {
            if (IsClose(words, Words(hit.Passage.Title)) && (excludeId is null || hit.Passage.Id != "suggestion-" + excludeId))
            {
                found.Add(new SimilarTopic(hit.Passage.Id, hit.Passage.Source == SuggestionIndex.Source
                    ? hit.Passage.CitationPath
                    : string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Similar_AnnexLine, hit.Passage.Title)));
            }
        }

        foreach (var other in earlier.Where(s => s.Id != excludeId && s.Status == SuggestionStatus.Pending))
        {
            if (IsClose(words, Words(other.Fields.Title)))
            {
                found.Add(new SimilarTopic(other.TopicId, string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Similar_SuggestionLine, other.Number, other.Fields.Title, SuggestionCatalogue.StatusName(other.Status))));
            }
        }

        return [.. found.DistinctBy(f => f.Id).Take(5)];
    }

    /// <summary>The share of the shorter title's words found in the other (overlap coefficient).</summary>
    internal bool IsClose(IReadOnlySet<string> a, IReadOnlySet<string> b)
        => a.Count > 0 && b.Count > 0 && (double)a.Count(b.Contains) / Math.Min(a.Count, b.Count) >= options.Value.SimilarityThreshold;

    /// <summary>Lower-case words without accents, stop words and a plural s, so "E-commerce platforms" meets "E-commerce".</summary>
    internal static HashSet<string> Words(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return [.. plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 1 && !Ignored.Contains(w))
            .Select(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w)];
    }
}
