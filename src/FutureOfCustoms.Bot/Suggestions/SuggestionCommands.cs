using System.Globalization;
using System.Security.Cryptography;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Members;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>`suggest`: a fresh suggestion card, with the member's administration filled in when known.</summary>
internal sealed class SuggestCommand(SuggestionCards cards, IMemberProfiles profiles) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(context.User, cancellationToken);
        var card = cards.Form(SuggestionForm.Empty(profile?.Administration ?? string.Empty), NewCardId(), null, []);
        return CommandReply.Card(card, SuggestionsStrings.Form_Title);
    }

    /// <summary>Each opened card gets its own id, so submitting the same card twice is recognised.</summary>
    internal static string NewCardId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>The card's Submit (and Submit anyway): validate, look for similar topics, then store or save the edit.</summary>
internal sealed class SubmitSuggestionCommand(
    SuggestionRepository repository, SuggestionWorkflow workflow, SuggestionCards cards, SuggestionCatalogue catalogue, SuggestionSimilarity similarity, IMemberProfiles profiles, TimeProvider time) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var cardId = context.Data.GetString("cardId") ?? string.Empty;
        if (cardId.Length != 32 || !cardId.All(char.IsAsciiHexDigitLower))
        {
            return CommandReply.Refusal(SuggestionsStrings.Refused_BadCard);
        }

        if (await repository.WasSubmittedAsync(cardId, cancellationToken))
        {
            return CommandReply.Refusal(SuggestionsStrings.Refused_AlreadySubmitted);
        }

        var editId = context.Data.GetString("editId");
        Storage.StoredDocument<Suggestion>? editing = null;
        if (!string.IsNullOrEmpty(editId))
        {
            var (found, refusal) = await workflow.LoadOwnPendingAsync(editId, context.User, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            editing = found;
        }

        var form = SuggestionForm.Read(context.Data, catalogue);
        if (!form.IsValid)
        {
            return CommandReply.Update(cards.Form(form, cardId, editing?.Value, []));
        }

        var fields = form.ToFields();
        if (!context.Data.GetFlag("confirmed"))
        {
            var similar = await similarity.FindAsync(fields, await repository.ListAsync(cancellationToken), editing?.Value.Id, cancellationToken);
            if (similar.Count > 0)
            {
                return CommandReply.Update(cards.Form(form, cardId, editing?.Value, similar));
            }
        }

        var now = time.GetUtcNow();
        Suggestion saved;
        string notice;
        if (editing is null)
        {
            var author = new SuggestionAuthor(context.User.Id, context.User.Name, context.User.AadObjectId);
            var created = await repository.CreateAsync(cardId, number => new Suggestion(
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), number, fields, author, context.Conversation.Id, context.Conversation.TenantId, context.CardActivityId, now), cancellationToken);
            if (created is null)
            {
                return CommandReply.Refusal(SuggestionsStrings.Refused_AlreadySubmitted);
            }

            saved = created;
            notice = string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.View_Saved, saved.Number);
        }
        else
        {
            saved = editing.Value with { Fields = fields, EditedAt = now };
            if (!await repository.ReplaceAsync(editing, saved, cardId, cancellationToken))
            {
                return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Refused_Conflict, editing.Value.Number));
            }

            notice = string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.View_Saved, saved.Number);
        }

        await profiles.RememberAdministrationAsync(context.User, fields.Administration, cancellationToken);
        var card = await workflow.ViewAsync(saved, notice, context.TimeZone ?? TimeZoneInfo.Utc, cancellationToken);
        await workflow.UpdatePostedCardAsync(saved, context, card, cancellationToken);
        return CommandReply.Update(card);
    }
}

/// <summary>Cancel after a similar topic was shown: nothing is stored.</summary>
internal sealed class CancelSuggestionCommand(SuggestionCards cards) : ICommandHandler
{
    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        => Task.FromResult(CommandReply.Update(cards.Cancelled()));
}

/// <summary>Edit: the author's pending suggestion back in the form, on a new card id.</summary>
internal sealed class EditSuggestionCommand(SuggestionWorkflow workflow, SuggestionCards cards) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (found, refusal) = await workflow.LoadOwnPendingAsync(context.Data.GetString("id"), context.User, cancellationToken);
        return refusal ?? CommandReply.Update(cards.Form(SuggestionForm.Of(found!.Value.Fields), SuggestCommand.NewCardId(), found.Value, []));
    }
}

/// <summary>Withdraw: the author takes back a pending suggestion.</summary>
internal sealed class WithdrawSuggestionCommand(SuggestionRepository repository, SuggestionWorkflow workflow, TimeProvider time) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (found, refusal) = await workflow.LoadOwnPendingAsync(context.Data.GetString("id"), context.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var withdrawn = found!.Value with { Status = SuggestionStatus.Withdrawn, StatusChangedAt = time.GetUtcNow() };
        if (!await repository.ReplaceAsync(found, withdrawn, null, cancellationToken))
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Refused_Conflict, withdrawn.Number));
        }

        var card = await workflow.ViewAsync(withdrawn, string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Withdrawn, withdrawn.Number), context.TimeZone ?? TimeZoneInfo.Utc, cancellationToken);
        await workflow.UpdatePostedCardAsync(withdrawn, context, card, cancellationToken);
        return CommandReply.Update(card);
    }
}

/// <summary>Open one suggestion from the list.</summary>
internal sealed class OpenSuggestionCommand(SuggestionRepository repository, SuggestionWorkflow workflow) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        => await repository.GetAsync(context.Data.GetString("id") ?? string.Empty, cancellationToken) is { } found
            ? CommandReply.Update(await workflow.ViewAsync(found.Value, null, context.TimeZone ?? TimeZoneInfo.Utc, cancellationToken))
            : CommandReply.Refusal(SuggestionsStrings.Refused_NoSuchSuggestion);
}
