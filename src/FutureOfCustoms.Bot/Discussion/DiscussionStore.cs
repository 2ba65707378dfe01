using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// Discussions and their answers. Sets live in one small partition; answers are one document per
/// (discussion, question, author) in a partition per discussion, so a discussion's answers are one listing
/// and an edit is one conditional write of one document (every version appended inside it).
/// Beside the answers, in the same partition and written in the same atomic batch as each of them: every
/// version filed under its time ("activity-" + time), a marker per delegate ("delegate-" + author) and the
/// <see cref="AnswerTally"/>, so the digest reads a week's activity and the participation without reading a
/// year of answers. A discussion stored before these existed gets them at its first use (see <see cref="TallyAsync"/>).
/// </summary>
internal sealed class DiscussionStore(IDocumentStore store, KnowledgeBase knowledge, TimeProvider time)
{
    private const string SetCollection = "discussions";
    private const string SetPartition = "sets";
    private const string AnswerCollection = "discussion-answers";

    // Answer ids are "q" + the question number (DiscussionAnswer.IdOf); nothing else in the partition starts with "q".
    private const string AnswerPrefix = "q";
    private const string ActivityPrefix = "activity-";
    private const string DelegatePrefix = "delegate-";
    private const string TallyId = "tally";
    private const int MaxConflictRetries = 20;

    /// <summary>A set by name; the Annex III set is created from the parsed paper the first time it is asked for.</summary>
    public async Task<DiscussionSet?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (await store.GetAsync<DiscussionSet>(SetCollection, SetPartition, name, cancellationToken) is { } stored)
        {
            return stored.Value;
        }

        if (name != AnnexIIIDiscussion.Name || knowledge.DiscussionPaper is not { } paper)
        {
            return null;
        }

        return await store.UpdateAsync<DiscussionSet>(SetCollection, SetPartition, name, existing => existing is null ? AnnexIIIDiscussion.Create(paper, time.GetUtcNow(), "annex-iii") : null, cancellationToken);
    }

    public async Task<IReadOnlyList<DiscussionSet>> ListAsync(CancellationToken cancellationToken)
        => [.. (await store.ListAsync<DiscussionSet>(SetCollection, SetPartition, cancellationToken)).Select(d => d.Value)];

    /// <returns>false when a set of that name exists.</returns>
    public async Task<bool> TryCreateAsync(DiscussionSet set, CancellationToken cancellationToken)
    {
        try
        {
            await store.InsertAsync(SetCollection, SetPartition, set.Name, set, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public async Task<DiscussionSet?> UpdateAsync(string name, Func<DiscussionSet, DiscussionSet?> change, CancellationToken cancellationToken)
        => await FindAsync(name, cancellationToken) is null
            ? null
            : await store.UpdateAsync<DiscussionSet>(SetCollection, SetPartition, name, existing => existing is null ? null : change(existing), cancellationToken);

    public async Task<IReadOnlyList<DiscussionAnswer>> AnswersAsync(string discussion, CancellationToken cancellationToken)
        => [.. (await store.ListByPrefixAsync<DiscussionAnswer>(AnswerCollection, discussion, AnswerPrefix, cancellationToken)).Select(d => d.Value)];

    /// <summary>The versions written in [start, end), and the participation so far.</summary>
    public async Task<(IReadOnlyList<AnswerActivity> Activity, Participation Participation)> ActivityAsync(string discussion, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var tally = await TallyAsync(discussion, cancellationToken);
        var activity = await TimeOrderedIds.ListAsync<AnswerActivity>(store, AnswerCollection, discussion, ActivityPrefix, start, end, cancellationToken);
        return ([.. activity.Select(d => d.Value)], DiscussionCompilation.Participation(tally.Value));
    }

    public async Task<DiscussionAnswer?> AnswerAsync(string discussion, int question, string authorKey, CancellationToken cancellationToken)
        => (await store.GetAsync<DiscussionAnswer>(AnswerCollection, discussion, DiscussionAnswer.IdOf(question, authorKey), cancellationToken))?.Value;

    /// <summary>
    /// Writes a new version of the member's own answer (the first one creates it) together with its activity
    /// record, the delegate's marker and the tally, all over the versions read; never loses a concurrent edit.
    /// </summary>
    public async Task<DiscussionAnswer> SaveAnswerAsync(string discussion, int question, UserRef author, AnswerVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(version);
        var key = author.Key;
        var id = DiscussionAnswer.IdOf(question, key);
        for (var attempt = 0; ; attempt++)
        {
            var tally = await TallyAsync(discussion, cancellationToken);
            var existing = await store.GetAsync<DiscussionAnswer>(AnswerCollection, discussion, id, cancellationToken);
            var newDelegate = existing is null && await store.GetAsync<DelegateMarker>(AnswerCollection, discussion, DelegatePrefix + key, cancellationToken) is null;
            var answer = existing is null
                ? new DiscussionAnswer(discussion, question, key, author.Id, author.Name, author.AadObjectId, [version])
                : existing.Value with { AuthorName = author.Name, Versions = [.. existing.Value.Versions, version] };
            List<StoreOperation> operations =
            [
                existing is null ? StoreOperation.Insert(id, answer) : StoreOperation.Replace(id, answer, existing.ETag),
                Activity(answer, answer.Versions.Count - 1),
                StoreOperation.Replace(TallyId, tally.Value.With(existing?.Value.Current, version, newDelegate), tally.ETag),
            ];
            if (newDelegate)
            {
                operations.Add(StoreOperation.Insert(DelegatePrefix + key, new DelegateMarker(version.ChangedAt)));
            }

            try
            {
                await store.ExecuteAsync(AnswerCollection, discussion, operations, cancellationToken);
                return answer;
            }
            catch (StoreConflictException) when (attempt < MaxConflictRetries)
            {
                // Another answer of the discussion moved the tally first: read again and recount.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (attempt * 5))), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The discussion's tally; missing only for a discussion whose answers were stored before it existed (or that
    /// has none yet): then every version gets its activity record and every delegate a marker first, and the
    /// tally, written last, is the sign that this is done. Those writes are upserts of what the answers say, so
    /// two instances doing it at once write the same documents and only one tally is inserted.
    /// </summary>
    private async Task<StoredDocument<AnswerTally>> TallyAsync(string discussion, CancellationToken cancellationToken)
    {
        if (await store.GetAsync<AnswerTally>(AnswerCollection, discussion, TallyId, cancellationToken) is { } tally)
        {
            return tally;
        }

        var answers = (await AnswersAsync(discussion, cancellationToken)).ToList();
        var records = answers.SelectMany(a => a.Versions.Select((_, version) => Activity(a, version)))
            .Concat(answers.GroupBy(a => a.AuthorKey, StringComparer.Ordinal).Select(g => StoreOperation.Upsert(DelegatePrefix + g.Key, new DelegateMarker(g.Min(a => a.AnsweredAt)))));
        await store.ExecuteInBatchesAsync(AnswerCollection, discussion, records, cancellationToken);

        try
        {
            await store.InsertAsync(AnswerCollection, discussion, TallyId, AnswerTally.Of(answers), cancellationToken);
        }
        catch (StoreConflictException)
        {
            // Another instance finished first; its tally counts the same answers.
        }

        return (await store.GetAsync<AnswerTally>(AnswerCollection, discussion, TallyId, cancellationToken))!;
    }

    private static StoreOperation Activity(DiscussionAnswer answer, int version)
    {
        var changedAt = answer.Versions[version].ChangedAt;
        return StoreOperation.Upsert(
            TimeOrderedIds.Id(ActivityPrefix, changedAt, $"{DiscussionAnswer.IdOf(answer.Question, answer.AuthorKey)}-{version}"),
            new AnswerActivity(answer.Question, answer.AuthorKey, version, changedAt));
    }

    /// <summary>A delegate has answered in this discussion (since when): the tally counts each delegate once.</summary>
    private sealed record DelegateMarker(DateTimeOffset Since);
}
