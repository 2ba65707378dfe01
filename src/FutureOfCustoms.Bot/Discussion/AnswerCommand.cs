using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Members;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>A delegate's side: the answer form, saving (first answer or edit) and "My answers".</summary>
internal sealed class AnswerCommand(DiscussionStore store, DiscussionBoard board, DiscussionCards cards, IMemberProfiles profiles, IOptions<DiscussionOptions> options, TimeProvider time) : ICommandHandler
{
    private const int MaxAdministrationLength = 200;

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = DiscussionBoard.NameOf(context);
        if (await store.FindAsync(name, cancellationToken) is not { } set)
        {
            return DiscussionBoard.Unknown(name);
        }

        if (context.Verb == "discussion.mine")
        {
            var key = context.User.Key;
            var mine = (await store.AnswersAsync(name, cancellationToken)).Where(a => a.AuthorKey == key).ToList();
            return CommandReply.Update(cards.Mine(set, mine));
        }

        if (DiscussionBoard.QuestionOf(context) is not { } number || set.Question(number) is not { } question)
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_UnknownQuestion, context.Data["question"]?.ToJsonString() ?? "?"));
        }

        if (set.Status == DiscussionStatus.Closed)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_Closed);
        }

        return context.Verb == "discussion.save"
            ? await SaveAsync(context, set, question, cancellationToken)
            : await FormAsync(context, set, question, cancellationToken);
    }

    private async Task<CommandReply> FormAsync(CommandContext context, DiscussionSet set, DiscussionQuestionDefinition question, CancellationToken cancellationToken)
    {
        var key = context.User.Key;
        var existing = await store.AnswerAsync(set.Name, question.Number, key, cancellationToken);
        var profile = await profiles.GetAsync(context.User, cancellationToken);
        var ask = string.IsNullOrWhiteSpace(profile?.Administration) || profile.IsSuggestion;
        return CommandReply.Update(cards.AnswerForm(set, question, existing, key, ask, profile?.Administration));
    }

    private async Task<CommandReply> SaveAsync(CommandContext context, DiscussionSet set, DiscussionQuestionDefinition question, CancellationToken cancellationToken)
    {
        var key = context.User.Key;
        if (context.Data.GetString("author") is { } author && author != key)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_NotYourAnswer);
        }

        var text = (context.Data.GetString("text") ?? string.Empty).Trim();
        var limit = options.Value.MaxAnswerLength;
        if (text.Length == 0)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_EmptyAnswer);
        }

        if (text.Length > limit)
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_TooLong, text.Length, limit));
        }

        var choice = context.Data.GetString("choice")?.Trim();
        if (question.IsClosed ? question.Choices!.All(c => c.Value != choice) : !string.IsNullOrEmpty(choice))
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_ChoiceRequired, question.Number));
        }

        var administration = (context.Data.GetString("administration") ?? string.Empty).Trim();
        if (administration.Length > MaxAdministrationLength)
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_AdministrationTooLong, MaxAdministrationLength));
        }

        if (administration.Length == 0)
        {
            var profile = await profiles.GetAsync(context.User, cancellationToken);
            administration = profile is { IsSuggestion: false } ? profile.Administration?.Trim() ?? string.Empty : string.Empty;
            if (administration.Length == 0)
            {
                return CommandReply.Refusal(DiscussionStrings.Refuse_AdministrationRequired);
            }
        }

        var existing = await store.AnswerAsync(set.Name, question.Number, key, cancellationToken);
        if (existing?.Versions.Count >= options.Value.MaxVersionsPerAnswer)
        {
            return CommandReply.Refusal(DiscussionCounts.TooManyEdits(CultureInfo.CurrentUICulture, existing.Versions.Count));
        }

        await profiles.RememberAdministrationAsync(context.User, administration, cancellationToken);
        await store.SaveAnswerAsync(set.Name, question.Number, context.User, new AnswerVersion(text, question.IsClosed ? choice : null, administration, context.User.Name, time.GetUtcNow()), cancellationToken);
        await board.RefreshPostsAsync(set, cancellationToken);
        var notice = string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Card_Saved, question.Number);
        return CommandReply.Update(cards.Discussion(set, await store.AnswersAsync(set.Name, cancellationToken), notice));
    }
}
