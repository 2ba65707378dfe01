using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Members;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// A member who has not named their administration yet gets one suggested from their directory profile
/// (company or department, and country). It is not stored: the member confirms or corrects it by submitting,
/// and only then is it remembered.
/// </summary>
internal sealed partial class GraphMemberProfiles(MemberProfiles remembered, GraphConnection graph, GraphDirectory directory, ILogger<GraphMemberProfiles> logger) : IMemberProfiles
{
    public async Task<MemberProfile?> GetAsync(UserRef user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var profile = await remembered.GetAsync(user, cancellationToken);
        if (!string.IsNullOrWhiteSpace(profile?.Administration) || !graph.Enabled || string.IsNullOrEmpty(user.AadObjectId))
        {
            return profile;
        }

        try
        {
            return (await directory.OrganisationAsync(user.AadObjectId, cancellationToken))?.Administration is { } administration
                ? new MemberProfile(profile?.Name ?? user.Name, administration, IsSuggestion: true)
                : profile;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProfileUnavailable(logger, user.AadObjectId, e);
            return profile;
        }
    }

    public Task RememberAdministrationAsync(UserRef user, string administration, CancellationToken cancellationToken)
        => remembered.RememberAdministrationAsync(user, administration, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph could not read the profile of {User}; the member is asked for their administration")]
    private static partial void LogProfileUnavailable(ILogger logger, string user, Exception exception);
}
