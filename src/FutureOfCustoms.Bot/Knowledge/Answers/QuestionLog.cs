using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>One question as asked, with the members' votes on the answer (member id -> vote).</summary>
internal sealed record QuestionRecord(
    string Id,
    string Text,
    string Normalized,
    DateTimeOffset AskedAt,
    ConversationKind ConversationKind,
    bool Answered,
    string? BestPassageId,
    IReadOnlyDictionary<string, AnswerVote> Votes);

internal enum AnswerVote
{
    Helpful,
    NotHelpful,
}

/// <summary>
/// Every question the bot was asked. Partitioned by month of asking, so the digest reads only the months of its
/// period; the id carries its month, so a vote finds its question without a cross-partition query.
/// </summary>
internal sealed partial class QuestionLog(IDocumentStore store, TimeProvider time)
{
    private const string Collection = "knowledge-questions";

    public async Task<QuestionRecord> RecordAsync(string text, ConversationKind kind, bool answered, string? bestPassageId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var month = MonthlyPartitions.Of(now);
        var record = new QuestionRecord($"{month}-{Guid.NewGuid():N}", text, Normalize(text), now, kind, answered, bestPassageId, new Dictionary<string, AnswerVote>());
        await store.InsertAsync(Collection, month, record.Id, record, cancellationToken);
        return record;
    }

    public async Task<QuestionRecord?> GetAsync(string id, CancellationToken cancellationToken)
        => IsWellFormed(id) ? (await store.GetAsync<QuestionRecord>(Collection, id[..MonthlyPartitions.Length], id, cancellationToken))?.Value : null;

    /// <summary>One vote per member: a second click replaces the first. Null when the question does not exist.</summary>
    public Task<QuestionRecord?> VoteAsync(string id, string memberId, AnswerVote vote, CancellationToken cancellationToken)
        => store.UpdateAsync<QuestionRecord>(Collection, id[..MonthlyPartitions.Length], id, current => current is null ? null : current with
        {
            Votes = new Dictionary<string, AnswerVote>(current.Votes) { [memberId] = vote },
        }, cancellationToken);

    public async Task<IReadOnlyList<QuestionRecord>> ListAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var questions = new List<QuestionRecord>();
        foreach (var month in MonthlyPartitions.Covering(start, end))
        {
            var stored = await store.ListAsync<QuestionRecord>(Collection, month, cancellationToken);
            questions.AddRange(stored.Select(s => s.Value).Where(q => q.AskedAt >= start && q.AskedAt < end));
        }

        return questions;
    }

    public static bool IsWellFormed(string? id) => id is not null && QuestionId().IsMatch(id);

    /// <summary>The form questions are counted by: case, accents, punctuation and spacing do not make a new question.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    [GeneratedRegex("^[0-9]{6}-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionId();
}
