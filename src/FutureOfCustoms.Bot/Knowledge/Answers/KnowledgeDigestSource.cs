using System.Globalization;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>
/// The digest's knowledge section. The channel reads a summary of the members' questions ("7 questions asked, most
/// about E-commerce and Data exchange", how many found no answer) and the documents added; only the moderator's
/// preview quotes the questions themselves: the most asked and those the documents could not answer.
/// </summary>
internal sealed class KnowledgeDigestSource(QuestionLog questions, AddedDocumentLog additions, KnowledgeCorpus corpus) : IDigestSource
{
    public const int MostAskedCount = 5;

    /// <summary>Topics named in the summary: enough to say what the group asked about, few enough to read in a line.</summary>
    public const int SummaryTopics = 2;

    private readonly Lazy<IReadOnlyDictionary<string, string>> _topicOfPassage = new(() => corpus.Passages.ToDictionary(p => p.Id, p => p.Title, StringComparer.Ordinal));

    public int Order => 50;

    public async Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var asked = await questions.ListAsync(period.Start, period.End, cancellationToken);
        var added = await additions.ListAsync(period.Start, period.End, cancellationToken);
        if (asked.Count == 0 && added.Count == 0)
        {
            return null;
        }

        var culture = CultureInfo.CurrentUICulture;
        var lines = new List<string>();
        var groups = asked.GroupBy(q => q.Normalized)
            .Select(g => (Latest: g.MaxBy(q => q.AskedAt)!, Count: g.Count(), Answered: g.Any(q => q.Answered)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Latest.AskedAt)
            .ToList();
        var unanswered = groups.Where(g => !g.Answered).ToList();
        if (asked.Count > 0)
        {
            lines.Add(Summary(culture, asked));
            var unansweredCount = asked.Count(q => !q.Answered);
            if (unansweredCount > 0)
            {
                lines.Add(Plural.Format(culture, KnowledgeStrings.Digest_UnansweredCount, unansweredCount));
            }
        }

        if (period.ForModerator && groups.Count > 0)
        {
            lines.Add(Plural.Format(culture, KnowledgeStrings.Digest_Asked, asked.Count));
            lines.AddRange(groups.Take(MostAskedCount).Select(g => string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Digest_QuestionLine, g.Latest.Text, g.Count)));
            if (unanswered.Count > 0)
            {
                lines.Add(KnowledgeStrings.Digest_UnansweredHeading);
                lines.AddRange(unanswered.Select(g => string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Digest_QuestionLine, g.Latest.Text, g.Count)));
            }
        }

        lines.AddRange(added.Select(d => Plural.Format(culture, KnowledgeStrings.Digest_Added, d.Passages, d.FileName)));
        return new DigestSection(KnowledgeStrings.Digest_Title, lines, KnowledgeStrings.Digest_Action, CatalogueCommand.BlocksVerb);
    }

    /// <summary>How many questions, and the topics of the passages that answered most of them.</summary>
    private string Summary(CultureInfo culture, IReadOnlyList<QuestionRecord> asked)
    {
        var topics = asked
            .Select(q => q.BestPassageId is { } id && _topicOfPassage.Value.TryGetValue(id, out var topic) ? topic : null)
            .OfType<string>()
            .GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(SummaryTopics)
            .Select(g => g.Key)
            .ToList();
        return topics.Count switch
        {
            0 => Plural.Format(culture, KnowledgeStrings.Digest_AskedCount, asked.Count),
            1 => Plural.Format(culture, KnowledgeStrings.Digest_AskedAbout, asked.Count, topics[0]),
            _ => Plural.Format(culture, KnowledgeStrings.Digest_AskedAbout, asked.Count, string.Format(culture, KnowledgeStrings.Digest_TopicsAnd, topics[0], topics[1])),
        };
    }
}
