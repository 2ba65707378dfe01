using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Members;

/// <summary>What the bot remembers of a member across features, e.g. the administration they speak for.</summary>
/// <param name="IsSuggestion">The administration is read from the member's directory profile, not confirmed by them:
/// show it pre-filled for the member to confirm or correct, rather than use it unasked.</param>
public sealed record MemberProfile(string Name, string? Administration, bool IsSuggestion = false);

/// <summary>
/// Member details asked once and remembered: a delegate names their administration in the first
/// suggestion or discussion answer and is not asked again.
/// </summary>
public interface IMemberProfiles
{
    Task<MemberProfile?> GetAsync(UserRef user, CancellationToken cancellationToken);

    Task RememberAdministrationAsync(UserRef user, string administration, CancellationToken cancellationToken);
}

internal sealed class MemberProfiles(IDocumentStore store) : IMemberProfiles
{
    private const string Collection = "members";
    private const string Partition = "profiles";

    public async Task<MemberProfile?> GetAsync(UserRef user, CancellationToken cancellationToken)
        => (await store.GetAsync<MemberProfile>(Collection, Partition, user.Key, cancellationToken))?.Value;

    public Task RememberAdministrationAsync(UserRef user, string administration, CancellationToken cancellationToken)
        => store.UpdateAsync<MemberProfile>(Collection, Partition, user.Key, existing =>
            existing?.Administration == administration && existing.Name == user.Name ? null : new MemberProfile(user.Name, administration), cancellationToken);

    /// <summary>The Entra object id where Teams gives one (stable across chats), else the channel user id.</summary>
}
