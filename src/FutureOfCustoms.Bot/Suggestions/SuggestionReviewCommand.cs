using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>
/// Moderator review (the router lets only moderators reach it): accept into the catalogue, merge into an
/// existing topic, or decline with a reason. The author is told 1:1 and the posted card shows the new status.
/// </summary>
internal sealed class SuggestionReviewCommand(
    SuggestionRepository repository, SuggestionWorkflow workflow, SuggestionIndex index, TimeProvider time) : ICommandHandler
{
    public const string AcceptVerb = "suggestions.accept";
    public const string MergeVerb = "suggestions.merge";
    public const string DeclineVerb = "suggestions.decline";
    public const int MaxReasonLength = 1000;

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var found = await repository.GetAsync(context.Data.GetString("id") ?? string.Empty, cancellationToken);
        if (found is null)
        {
            return CommandReply.Refusal(SuggestionsStrings.Refused_NoSuchSuggestion);
        }

        var suggestion = found.Value;
        if (suggestion.Status != SuggestionStatus.Pending)
        {
            return SuggestionWorkflow.NotPending(suggestion);
        }

        var reviewed = suggestion with { StatusChangedAt = time.GetUtcNow(), ReviewerName = context.User.Name };
        switch (context.Verb)
        {
            case AcceptVerb:
                reviewed = reviewed with { Status = SuggestionStatus.Accepted };
                break;
            case MergeVerb:
                var targetId = context.Data.GetString("target");
                var target = (await workflow.MergeTargetsAsync(suggestion.Id, cancellationToken)).FirstOrDefault(t => t.Value == targetId);
                if (target.Value is null)
                {
                    return CommandReply.Refusal(SuggestionsStrings.Refused_UnknownTarget);
                }

                reviewed = reviewed with { Status = SuggestionStatus.Merged, MergedIntoId = target.Value, MergedIntoTitle = target.Title };
                break;
            default:
                var reason = (context.Data.GetString("reason") ?? string.Empty).Trim();
                if (reason.Length == 0 || reason.Length > MaxReasonLength)
                {
                    return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Refused_ReasonRequired, MaxReasonLength));
                }

                reviewed = reviewed with { Status = SuggestionStatus.Declined, ReviewReason = reason };
                break;
        }

        if (!await repository.ReplaceAsync(found, reviewed, null, cancellationToken))
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Refused_Conflict, suggestion.Number));
        }

        if (reviewed.Status == SuggestionStatus.Accepted)
        {
            await index.AddAsync(reviewed, cancellationToken);
        }

        var card = await workflow.ViewAsync(reviewed, null, context.TimeZone ?? TimeZoneInfo.Utc, cancellationToken);
        await workflow.UpdatePostedCardAsync(reviewed, context, card, cancellationToken);
        await workflow.NotifyAuthorAsync(reviewed, Notification(reviewed), cancellationToken);
        return CommandReply.Update(card);
    }

    /// <summary>A plain-text message: the author's title and the reason are escaped so they stay text.</summary>
    private static string Notification(Suggestion suggestion)
    {
        var title = CardText.Escape(suggestion.Fields.Title);
        return suggestion.Status switch
        {
            SuggestionStatus.Accepted => string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Notify_Accepted, suggestion.Number, title),
            SuggestionStatus.Merged => string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Notify_Merged, suggestion.Number, title, CardText.Escape(suggestion.MergedIntoTitle ?? string.Empty)),
            _ => string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Notify_Declined, suggestion.Number, title, CardText.Escape(suggestion.ReviewReason ?? string.Empty)),
        };
    }
}
