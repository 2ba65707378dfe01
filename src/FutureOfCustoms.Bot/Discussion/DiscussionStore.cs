using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// Discussions and their answers. Sets live in one small partition; answers are one document per
/// (discussion, question, author) in a partition per discussion, so a discussion's answers are one listing
/// and an edit is one conditional write of one document (every version appended inside it).
/// </summary>
internal sealed class DiscussionStore(IDocumentStore store, KnowledgeBase knowledge, TimeProvider time)
{
    private const string SetCollection = "discussions";
    private const string SetPartition = "sets";
    private const string AnswerCollection = "discussion-answers";

    /// <summary>The author key answers are filed under: the Entra object id where Teams gives one, else the channel id.</summary>
    public static string AuthorKeyOf(UserRef user) => string.IsNullOrEmpty(user.AadObjectId) ? user.Id : user.AadObjectId;

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
        => [.. (await store.ListAsync<DiscussionAnswer>(AnswerCollection, discussion, cancellationToken)).Select(d => d.Value)];

    public async Task<DiscussionAnswer?> AnswerAsync(string discussion, int question, string authorKey, CancellationToken cancellationToken)
        => (await store.GetAsync<DiscussionAnswer>(AnswerCollection, discussion, DiscussionAnswer.IdOf(question, authorKey), cancellationToken))?.Value;

    /// <summary>Writes a new version of the member's own answer (the first one creates it); never loses a concurrent edit.</summary>
    public async Task<DiscussionAnswer> SaveAnswerAsync(string discussion, int question, UserRef author, AnswerVersion version, CancellationToken cancellationToken)
    {
        var key = AuthorKeyOf(author);
        return (await store.UpdateAsync<DiscussionAnswer>(AnswerCollection, discussion, DiscussionAnswer.IdOf(question, key), existing => existing is null
            ? new DiscussionAnswer(discussion, question, key, author.Id, author.Name, author.AadObjectId, [version])
            : existing with { AuthorName = author.Name, Versions = [.. existing.Versions, version] }, cancellationToken))!;
    }
}
