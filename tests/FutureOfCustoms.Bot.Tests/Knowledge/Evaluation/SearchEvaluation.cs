using System.Globalization;
using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Evaluation;

/// <param name="ExpectedIds">Passages that answer the question; empty: the document is silent and the bot must decline.</param>
internal sealed record EvaluationQuestion(string Text, string Language, IReadOnlyList<string> ExpectedIds)
{
    public bool IsOffTopic => ExpectedIds.Count == 0;
}

/// <summary>What one question got: the rank of its first expected passage (0: not in the top three), whether the bot
/// answered, and the first passage's length.</summary>
internal sealed record EvaluationOutcome(EvaluationQuestion Question, int Rank, bool Answered, int FirstPassageLength, KnowledgeSearchResult Result);

/// <summary>The figures of one question set, as docs/benchmarks.md reports them.</summary>
internal sealed record EvaluationFigures(
    int English, double EnglishTop1, double EnglishTop3,
    int French, double FrenchTop1, double FrenchTop3,
    int OffTopic, double OffTopicAnswered, double AnswerableDeclined, double MedianFirstPassageLength)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"EN ({English}) top-1 {EnglishTop1:P1}, top-3 {EnglishTop3:P1}; FR ({French}) top-1 {FrenchTop1:P1}, top-3 {FrenchTop3:P1}; off-topic answered {OffTopicAnswered:P1} of {OffTopic}; answerable declined {AnswerableDeclined:P1}; median first passage {MedianFirstPassageLength:0} chars");
}

/// <summary>Runs question files through <see cref="KnowledgeBase.SearchAsync(string, int, CancellationToken)"/>, the
/// bot's own path (both search sides, the French analysis, the answered-or-declined decision).</summary>
internal static class SearchEvaluation
{
    public const int TopCount = 3;

    /// <summary>Reads "ids TAB language TAB question" lines, or the older "ids TAB question" (English) lines.</summary>
    public static List<EvaluationQuestion> Load(string path) =>
        [.. File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(c => new EvaluationQuestion(c[^1], c.Length > 2 ? c[1] : "en", c[0] == "-" ? [] : c[0].Split('|')))];

    public static async Task<List<EvaluationOutcome>> RunAsync(KnowledgeBase knowledge, IEnumerable<EvaluationQuestion> questions)
    {
        var outcomes = new List<EvaluationOutcome>();
        foreach (var question in questions)
        {
            var result = await knowledge.SearchAsync(question.Text, TopCount, CancellationToken.None);
            var rank = result.Hits.Select((h, i) => (h.Passage.Id, Rank: i + 1)).FirstOrDefault(h => question.ExpectedIds.Contains(h.Id)).Rank;
            outcomes.Add(new EvaluationOutcome(question, rank, result.HasRelevantAnswer, result.Hits.Count > 0 ? result.Hits[0].Passage.Text.Length : 0, result));
        }

        return outcomes;
    }

    public static EvaluationFigures Figures(IReadOnlyList<EvaluationOutcome> outcomes)
    {
        var english = outcomes.Where(o => !o.Question.IsOffTopic && o.Question.Language == "en").ToList();
        var french = outcomes.Where(o => !o.Question.IsOffTopic && o.Question.Language == "fr").ToList();
        var offTopic = outcomes.Where(o => o.Question.IsOffTopic).ToList();
        var answerable = outcomes.Where(o => !o.Question.IsOffTopic).ToList();
        var lengths = outcomes.Where(o => o.Answered).Select(o => (double)o.FirstPassageLength).Order().ToList();
        return new EvaluationFigures(
            english.Count, Share(english, o => o.Rank == 1), Share(english, o => o.Rank is >= 1 and <= TopCount),
            french.Count, Share(french, o => o.Rank == 1), Share(french, o => o.Rank is >= 1 and <= TopCount),
            offTopic.Count, Share(offTopic, o => o.Answered), Share(answerable, o => !o.Answered),
            lengths.Count == 0 ? 0 : lengths[lengths.Count / 2]);
    }

    /// <summary>One line per miss, for finding out why (never for tuning on the held-out half).</summary>
    public static IEnumerable<string> Misses(IEnumerable<EvaluationOutcome> outcomes) =>
        outcomes.Where(o => o.Question.IsOffTopic ? o.Answered : o.Rank != 1 || !o.Answered)
            .Select(o => string.Create(CultureInfo.InvariantCulture,
                $"{(o.Question.IsOffTopic ? "answered" : o.Answered ? $"rank {o.Rank}" : $"declined (rank {o.Rank})")}: {o.Question.Text} -> expected {(o.Question.IsOffTopic ? "-" : string.Join('|', o.Question.ExpectedIds))}, got {string.Join(", ", o.Result.Hits.Select(h => $"{h.Passage.Id} [{h.Evidence.Cosine:0.000}/{h.MatchedTermShare:0.00}/k{h.Evidence.KeywordRank}/v{h.Evidence.VectorRank}]"))}"));

    /// <summary>The evidence behind each answered-or-declined decision, to calibrate it on the tuning half.</summary>
    public static IEnumerable<string> Evidence(IEnumerable<EvaluationOutcome> outcomes) =>
        outcomes.Where(o => o.Result.Hits.Count > 0).Select(o =>
        {
            var hits = o.Result.Hits;
            var top = hits[0];
            var margin = hits.Count > 1 ? top.Score - hits[1].Score : top.Score;
            var kind = o.Question.IsOffTopic ? "off" : o.Rank == 1 ? "hit" : "miss";
            return string.Create(CultureInfo.InvariantCulture,
                $"{kind}\t{o.Question.Language}\t{top.Evidence.Cosine:0.000}\t{top.MatchedTermShare:0.00}\t{top.Evidence.KeywordRank}\t{top.Evidence.VectorRank}\t{top.Score:0.000}\t{margin:0.000}\t{o.Answered}\t{o.Question.Text}");
        });

    private static double Share(List<EvaluationOutcome> outcomes, Func<EvaluationOutcome, bool> predicate) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(predicate) / outcomes.Count;
}
