using System.Text.RegularExpressions;
using FutureOfCustoms.Bot.Knowledge.Embeddings;

namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>A sentence of a passage's text, by position.</summary>
internal readonly record struct SentenceSpan(int Start, int Length)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);
}

/// <summary>
/// The one to three sentences of the best passage that answer the question, chosen with the ranking's own two
/// signals: the question's words found in the sentence (the keyword side's highlights) and the sentence's meaning
/// next to the question's (the embedding model, on the sentence placed under its passage's title), blended 50/50
/// after the same scaling as the ranking (keyword share of the best, min-max cosine).
/// </summary>
internal sealed partial class AnswerSentences(KnowledgeEmbeddings embeddings)
{
    public const int MaxSentences = 3;

    /// <summary>About what a chat bubble shows at a glance; a longer single sentence is still the answer.</summary>
    public const int MaxLength = 400;

    /// <summary>A sentence joins the best one when it scores at least this share of it.</summary>
    private const double CompanionShare = 0.75;

    public async Task<IReadOnlyList<SentenceSpan>> SelectAsync(string question, SearchHit best, CancellationToken cancellationToken)
    {
        var text = best.Passage.Text;
        var sentences = Split(text);
        if (sentences.Count <= 1)
        {
            return sentences;
        }

        var keyword = sentences.Select(s => (double)best.Highlights.Count(h => h.Start >= s.Start && h.Start < s.End)).ToArray();
        var query = await embeddings.EmbedQueryAsync(question, cancellationToken);
        var vectors = await embeddings.EmbedPassagesAsync([.. sentences.Select(s => best.Passage with { Text = s.Of(text) })], cancellationToken);
        var cosine = vectors.Select(v => (double)VectorMath.Cosine(query, v)).ToArray();
        var fused = Fuse(keyword, cosine);

        var order = Enumerable.Range(0, sentences.Count).OrderByDescending(i => fused[i]).ThenBy(i => i).ToList();
        var chosen = new List<int> { order[0] };
        var length = sentences[order[0]].Length;
        foreach (var i in order.Skip(1))
        {
            if (chosen.Count == MaxSentences || fused[i] < fused[order[0]] * CompanionShare)
            {
                break;
            }

            if (length + 1 + sentences[i].Length <= MaxLength)
            {
                chosen.Add(i);
                length += 1 + sentences[i].Length;
            }
        }

        return [.. chosen.Order().Select(i => sentences[i])];
    }

    /// <summary>Sentences end at ., ! or ? before a space or the end, and at line ends (list items, lead-ins).
    /// Abbreviations of the document ("e.g.", "i.e.", "incl.", "approx.", "No.") do not end one.</summary>
    public static IReadOnlyList<SentenceSpan> Split(string text)
    {
        var spans = new List<SentenceSpan>();
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            var stop = end.Index + (end.Value[0] == '\n' ? 0 : 1);
            if (end.Value[0] != '\n' && Abbreviation().IsMatch(text.AsSpan(Math.Max(0, stop - 10), Math.Min(10, stop))))
            {
                continue;
            }

            Add(spans, text, start, stop);
            start = end.Index + end.Length;
        }

        Add(spans, text, start, text.Length);
        return spans;
    }

    private static void Add(List<SentenceSpan> spans, string text, int start, int stop)
    {
        while (start < stop && (char.IsWhiteSpace(text[start]) || text[start] is '-' or '*'))
        {
            start++;
        }

        while (stop > start && char.IsWhiteSpace(text[stop - 1]))
        {
            stop--;
        }

        if (stop - start > 1)
        {
            spans.Add(new SentenceSpan(start, stop - start));
        }
    }

    private static double[] Fuse(double[] keyword, double[] cosine)
    {
        var maxKeyword = keyword.Max();
        var (low, high) = (cosine.Min(), cosine.Max());
        return [.. keyword.Select((k, i) =>
            (0.5 * (maxKeyword > 0 ? k / maxKeyword : 0)) + (0.5 * (high > low ? (cosine[i] - low) / (high - low) : 1)))];
    }

    [GeneratedRegex(@"[.!?](?=\s)|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(\b(e\.g|i\.e|incl|approx|etc|No|Mr|Ms|Dr|cf|vs)\.|\b[A-Z]\.)$")]
    private static partial Regex Abbreviation();
}
