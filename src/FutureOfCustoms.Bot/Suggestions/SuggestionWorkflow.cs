using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>What the suggestion verbs share: who may change a suggestion, its card, and telling the channel and the author.</summary>
internal sealed partial class SuggestionWorkflow(
    SuggestionRepository repository, SuggestionCards cards, SuggestionCatalogue catalogue, IMessenger messenger, ILogger<SuggestionWorkflow> logger)
{
    /// <summary>The suggestion when it exists, is the user's own and still pending; otherwise the refusal to answer.</summary>
    public async Task<(StoredDocument<Suggestion>? Found, CommandReply? Refusal)> LoadOwnPendingAsync(string? id, UserRef user, CancellationToken cancellationToken)
    {
        var found = await repository.GetAsync(id ?? string.Empty, cancellationToken);
        if (found is null)
        {
            return (null, CommandReply.Refusal(SuggestionsStrings.Refused_NoSuchSuggestion));
        }

        var author = found.Value.Author;
        if (author.Key != user.Key)
        {
            return (null, CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Refused_NotAuthor, found.Value.Number)));
        }

        return found.Value.Status == SuggestionStatus.Pending ? (found, null) : (null, NotPending(found.Value));
    }

    public static CommandReply NotPending(Suggestion suggestion)
        => CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Refused_NotPending, suggestion.Number, SuggestionCatalogue.StatusName(suggestion.Status)));

    public async Task<JsonObject> ViewAsync(Suggestion suggestion, string? notice, TimeZoneInfo zone, CancellationToken cancellationToken)
        => cards.View(suggestion, notice, await MergeTargetsAsync(suggestion.Id, cancellationToken), zone);

    /// <summary>Annex II topics and accepted suggestions: what a suggestion can be merged into.</summary>
    public async Task<IReadOnlyList<(string Value, string Title)>> MergeTargetsAsync(string? exceptId, CancellationToken cancellationToken)
    {
        var accepted = (await repository.AcceptedAsync(cancellationToken)).Where(s => s.Id != exceptId);
        return [
            .. catalogue.AnnexTopics.Select(t => (t.Id, string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Similar_AnnexLine, SuggestionCatalogue.ShortTitle(t.Title)))),
            .. accepted.Select(s => (s.TopicId, string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.List_Line, s.Number, SuggestionCatalogue.ShortTitle(s.Fields.Title)))),
        ];
    }

    /// <summary>
    /// Keeps the card posted where the member suggested in step with the suggestion, when the action came
    /// from elsewhere (the list, a personal chat): that card's own action is answered by the invoke response.
    /// </summary>
    public async Task UpdatePostedCardAsync(Suggestion suggestion, CommandContext context, JsonObject card, CancellationToken cancellationToken)
    {
        if (suggestion.CardMessageId is null || (suggestion.CardMessageId == context.CardActivityId && suggestion.ConversationId == context.Conversation.Id))
        {
            return;
        }

        try
        {
            await messenger.UpdateAsync(suggestion.ConversationId, suggestion.CardMessageId, OutgoingMessage.FromCard(card), cancellationToken);
        }
        catch (Exception exception) when (exception is ConversationUnavailableException or DeliveryFailedException)
        {
            // The suggestion is saved: a stale card elsewhere must not turn the member's action into an error.
            LogCardNotUpdated(suggestion.Number, exception);
        }
    }

    /// <summary>
    /// Tells the author in a 1:1 message. The review is already saved: an author the bot cannot reach, or a
    /// message Teams did not take, is logged, and the author still sees the status in the list.
    /// </summary>
    public async Task NotifyAuthorAsync(Suggestion suggestion, string text, CancellationToken cancellationToken)
    {
        try
        {
            var author = suggestion.Author;
            await messenger.SendToUserAsync(new UserRef(author.Id, author.Name, author.AadObjectId), suggestion.TenantId, OutgoingMessage.FromText(text), cancellationToken);
        }
        catch (Exception exception) when (exception is ConversationUnavailableException or DeliveryFailedException)
        {
            LogAuthorNotNotified(suggestion.Number, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The posted card of suggestion {Number} could not be updated")]
    private partial void LogCardNotUpdated(int number, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The author of suggestion {Number} could not be notified")]
    private partial void LogAuthorNotNotified(int number, Exception exception);
}
