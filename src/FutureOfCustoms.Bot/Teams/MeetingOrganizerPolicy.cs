using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Commands;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// A meeting's organizer moderates in that meeting's chat, and nowhere else: besides whoever the bot's own policy
/// names, a member is a moderator of a meeting conversation when Teams gives them the participant role "Organizer"
/// there (the OnlineMeetingParticipant.Read.Chat permission). Roles are read through the meeting's stored reference,
/// so the same check serves turns and the board; an answer is kept a few minutes, and a failed read counts as no.
/// </summary>
internal sealed partial class MeetingOrganizerPolicy(
    IModeratorPolicy inner, TeamsBotAdapter adapter, ConversationReferenceStore conversations, IOptions<BotIdentityOptions> identity, TimeProvider time, ILogger<MeetingOrganizerPolicy> logger) : IModeratorPolicy
{
    private static readonly TimeSpan RoleCacheDuration = TimeSpan.FromMinutes(5);
    private const string OrganizerRole = "Organizer";
    private readonly ConcurrentDictionary<(string Meeting, string User), (DateTimeOffset ReadAt, bool IsOrganizer)> _roles = new();

    public async Task<bool> IsModeratorAsync(UserRef user, ConversationRef conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(conversation);
        if (await inner.IsModeratorAsync(user, conversation, cancellationToken))
        {
            return true;
        }

        if (conversation.MeetingId is not { Length: > 0 } meetingId || user.AadObjectId is not { Length: > 0 } userId)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (_roles.TryGetValue((meetingId, userId), out var known) && now - known.ReadAt < RoleCacheDuration)
        {
            return known.IsOrganizer;
        }

        var isOrganizer = await ReadIsOrganizerAsync(conversation, meetingId, userId, cancellationToken);
        _roles[(meetingId, userId)] = (now, isOrganizer);
        return isOrganizer;
    }

    private async Task<bool> ReadIsOrganizerAsync(ConversationRef conversation, string meetingId, string userId, CancellationToken cancellationToken)
    {
        if (await conversations.FindReferenceAsync(TurnMapping.WithoutThread(conversation.Id), cancellationToken) is not { } reference)
        {
            return false;
        }

        var isOrganizer = false;
        try
        {
            await adapter.ContinueConversationAsync(identity.Value.MicrosoftAppId ?? string.Empty, reference, async (turnContext, ct) =>
            {
                var participant = await TeamsInfo.GetMeetingParticipantAsync(turnContext, meetingId, userId, conversation.TenantId, ct);
                isOrganizer = string.Equals(participant?.Meeting?.Role, OrganizerRole, StringComparison.OrdinalIgnoreCase);
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogRoleUnavailable(logger, meetingId, ex.Message);
        }

        return isOrganizer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The participant role in meeting {Meeting} could not be read: {Reason}")]
    private static partial void LogRoleUnavailable(ILogger logger, string meeting, string reason);
}

internal static class MeetingOrganizerPolicyExtensions
{
    /// <summary>Wraps the moderator policy registered last (configured, or Graph's) so that meeting organizers count too.</summary>
    public static IServiceCollection AddMeetingOrganizers(this IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IModeratorPolicy));
        services.Replace(ServiceDescriptor.Singleton<IModeratorPolicy>(sp => ActivatorUtilities.CreateInstance<MeetingOrganizerPolicy>(sp, Resolve(sp, registered))));
        return services;
    }

    private static IModeratorPolicy Resolve(IServiceProvider services, ServiceDescriptor descriptor)
        => descriptor.ImplementationInstance as IModeratorPolicy
            ?? (descriptor.ImplementationFactory is { } factory ? (IModeratorPolicy)factory(services) : (IModeratorPolicy)ActivatorUtilities.GetServiceOrCreateInstance(services, descriptor.ImplementationType!));
}
