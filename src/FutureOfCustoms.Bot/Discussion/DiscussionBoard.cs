using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// Finding the discussion a turn is about, and keeping the posted discussion cards current. The counts are
/// the same for everyone, so the shared card is updated in place (IMessenger.UpdateAsync on the message id
/// kept when it was posted) rather than refreshed per user: that works in every client, the Agents
/// Playground included, and costs one update per answer. What differs per user (the answer form, "My
/// answers") is the Action.Execute response, which only the member who acted sees.
/// </summary>
internal sealed partial class DiscussionBoard(DiscussionStore store, DiscussionCards cards, IMessenger messenger, ILogger<DiscussionBoard> logger)
{
    /// <summary>The discussion named by the card's data or the typed text; Annex III when none is named.</summary>
    public static string NameOf(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.IsFromCard ? context.Data.GetString("discussion") : context.Arguments;
        return string.IsNullOrWhiteSpace(name) ? AnnexIIIDiscussion.Name : name.Trim().ToLowerInvariant();
    }

    /// <summary>The question number of a card action; Teams sends it as a number, forged payloads as anything.</summary>
    public static int? QuestionOf(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Data["question"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int n) => n,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    public static CommandReply Unknown(string name)
        => CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_UnknownDiscussion, name));

    /// <summary>Posts the discussion card as a new message and remembers where, for the count updates.</summary>
    public async Task<DiscussionSet> PostAsync(DiscussionSet set, ConversationRef conversation, CancellationToken cancellationToken)
    {
        var answers = await store.AnswersAsync(set.Name, cancellationToken);
        var messageId = await messenger.SendAsync(conversation.Id, OutgoingMessage.FromCard(cards.Discussion(set, answers), set.Title), cancellationToken);
        var post = new DiscussionPost(conversation.Id, messageId, conversation.TenantId, CultureInfo.CurrentUICulture.Name);
        return (await store.UpdateAsync(set.Name, s => s with { Posts = [.. s.PostedAt, post] }, cancellationToken))!;
    }

    /// <summary>Brings every posted card of the discussion up to date, each in the language it was posted in.</summary>
    public async Task RefreshPostsAsync(DiscussionSet set, CancellationToken cancellationToken)
    {
        if (set.PostedAt.Count == 0)
        {
            return;
        }

        var answers = await store.AnswersAsync(set.Name, cancellationToken);
        var reader = CultureInfo.CurrentUICulture;
        foreach (var post in set.PostedAt)
        {
            JsonObject card;
            try
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(post.Culture);
                card = cards.Discussion(set, answers);
            }
            finally
            {
                CultureInfo.CurrentUICulture = reader;
            }

            try
            {
                await messenger.UpdateAsync(post.ConversationId, post.MessageId, OutgoingMessage.FromCard(card, set.Title), cancellationToken);
            }
            catch (Exception ex) when (ex is ConversationUnavailableException or DeliveryFailedException)
            {
                // The answer or status change is saved; the other cards still get theirs, this one catches up at the next change.
                LogPostUnavailable(logger, set.Name, post.ConversationId, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the card of discussion {Discussion} in {Conversation}: {Reason}")]
    private static partial void LogPostUnavailable(ILogger logger, string discussion, string conversation, string reason);
}
