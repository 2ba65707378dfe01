using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Digest;

/// <summary>The moderator's digest verbs: preview, post now, choose the channel, turn the schedule on and off.</summary>
internal sealed class DigestCommands(DigestService digests, DigestStore store, IConversationDirectory directory, IMessenger messenger, TimeProvider time) : ICommandHandler
{
    public const string Preview = "digest";
    public const string Post = "digest-post";
    public const string Here = "digest-here";
    public const string On = "digest-on";
    public const string Off = "digest-off";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Verb == Here)
        {
            return await HereAsync(context, cancellationToken);
        }

        var (target, problem) = await digests.ResolveAsync(context.Conversation, cancellationToken);
        if (target is null)
        {
            return CommandReply.Refusal(problem!);
        }

        return context.Verb switch
        {
            Post => await PostAsync(target, cancellationToken),
            On => await SwitchAsync(target, enabled: true, cancellationToken),
            Off => await SwitchAsync(target, enabled: false, cancellationToken),
            _ => await PreviewAsync(context, target, cancellationToken),
        };
    }

    /// <summary>
    /// The preview is for the moderator's eyes: in the personal chat it is the reply; anywhere else (a channel
    /// or group chat, where a reply is seen by everyone) it goes to the moderator 1:1 and the thread only says so.
    /// </summary>
    private async Task<CommandReply> PreviewAsync(CommandContext context, DigestTarget target, CancellationToken cancellationToken)
    {
        var preview = await digests.PreviewAsync(target, cancellationToken);
        var unknown = await digests.UnknownPostAsync(target, cancellationToken) is { } period
            ? string.Format(CultureInfo.CurrentCulture, DigestStrings.Preview_UnknownPost, digests.InGroupZone(period.End).ToString("f", CultureInfo.CurrentCulture))
            : null;
        if (context.Conversation.Kind == ConversationKind.Personal)
        {
            return new CommandReply { Messages = unknown is null ? [preview] : [OutgoingMessage.FromText(unknown), preview] };
        }

        try
        {
            await messenger.SendToUserAsync(context.User, context.Conversation.TenantId, preview, cancellationToken);
            return CommandReply.Text(unknown is null ? DigestStrings.Preview_SentPrivately : $"{unknown}\n\n{DigestStrings.Preview_SentPrivately}");
        }
        catch (ConversationUnavailableException)
        {
            return CommandReply.Refusal(DigestStrings.Preview_Unreachable);
        }
        catch (DeliveryFailedException)
        {
            return CommandReply.Refusal(DigestStrings.Preview_Failed);
        }
    }

    private async Task<CommandReply> PostAsync(DigestTarget target, CancellationToken cancellationToken) => await digests.PostNowAsync(target, cancellationToken) switch
    {
        DigestOutcome.Posted => CommandReply.Text(DigestStrings.Posted),
        DigestOutcome.Skipped => CommandReply.Text(DigestStrings.Posted_Nothing),
        DigestOutcome.AlreadyClaimed => CommandReply.Refusal(DigestStrings.Post_Busy),
        DigestOutcome.Stopped => CommandReply.Refusal(DigestStrings.Post_Stopped),
        DigestOutcome.Unknown => CommandReply.Refusal(DigestStrings.Post_Unknown),
        _ => CommandReply.Refusal(DigestStrings.Post_Failed),
    };

    private async Task<CommandReply> HereAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Conversation.Kind != ConversationKind.Channel
            || context.Conversation.TeamId is not { } teamId
            || await directory.FindAsync(context.Conversation.Id, cancellationToken) is not { } channel)
        {
            return CommandReply.Refusal(DigestStrings.Here_NotChannel);
        }

        // The thread's reply chain is not a place to post to: the channel itself is.
        await store.UpdateTeamAsync(teamId, t => t with { ChannelId = channel.Conversation.Id }, cancellationToken);
        return CommandReply.Text(DigestStrings.Here_Done);
    }

    private async Task<CommandReply> SwitchAsync(DigestTarget target, bool enabled, CancellationToken cancellationToken)
    {
        await store.UpdateTeamAsync(target.TeamId, t => t with { Enabled = enabled, StoppedReason = enabled ? null : t.StoppedReason }, cancellationToken);
        if (!enabled)
        {
            return CommandReply.Text(DigestStrings.Off_Done);
        }

        var next = digests.NextOccurrence(time.GetUtcNow());
        var when = next is { } at ? digests.InGroupZone(at).ToString("f", CultureInfo.CurrentCulture) : "-";
        return CommandReply.Text(string.Format(CultureInfo.CurrentCulture, DigestStrings.On_Done, when));
    }
}
