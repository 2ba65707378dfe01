using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Exports;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>Every poll verb; the routing table has already refused moderator verbs to anyone else.</summary>
internal sealed class PollCommands(
    PollDraft drafts,
    PollStore store,
    PollService polls,
    PollCards cards,
    IModeratorPolicy moderators,
    IDownloadLinks downloads) : ICommandHandler
{
    public const string Create = "poll";
    public const string Dialog = "poll.dialog";
    public const string Preview = "poll.preview";
    public const string Edit = "poll.edit";
    public const string Launch = "poll.launch";
    public const string Manage = "poll.manage";
    public const string Close = "poll.close";
    public const string Remind = "poll.remind";
    public const string List = "polls";
    public const string Export = "poll.export";

    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Verb switch
        {
            Create => Task.FromResult(CommandReply.Card(cards.Launcher(), PollsStrings.Launcher_Create)),
            Dialog => CreateAsync(context, cancellationToken),
            Preview => PreviewAsync(context, cancellationToken),
            Edit => EditAsync(context, cancellationToken),
            Launch => LaunchAsync(context, cancellationToken),
            PollCards.VoteVerb => VoteAsync(context, cancellationToken),
            PollCards.RefreshVerb => RefreshAsync(context, cancellationToken),
            Manage => ManageAsync(context, cancellationToken),
            Close => CloseAsync(context, cancellationToken),
            Remind => RemindAsync(context, cancellationToken),
            List => ListAsync(cancellationToken),
            Export => ExportAsync(context, cancellationToken),
            _ => throw new InvalidOperationException($"PollCommands does not handle '{context.Verb}'."),
        };
    }

    /// <summary>The creation dialog, with a new key; opened from the card <c>poll</c> posted, that card is the one the poll replaces.</summary>
    private async Task<CommandReply> CreateAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var launcher = context.Data.GetFlag("launcher") ? context.CardActivityId : null;
        return CommandReply.Dialog(cards.Create(await drafts.TopicsAsync(cancellationToken), new PollForm(PollDraft.NewDialogKey(), launcher)), PollsStrings.Create_Title);
    }

    /// <summary>
    /// The draft from the dialog, previewed with Edit and Launch. The dialog's key makes a second submission (or
    /// a preview after Edit) change the same draft instead of making another.
    /// </summary>
    private async Task<CommandReply> PreviewAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!PollDraft.IsDialogKey(context.Data.GetString("dialogKey")))
        {
            return CommandReply.Refusal(PollsStrings.Refuse_DialogKey);
        }

        var (draft, refusal) = await drafts.ReadAsync(context, cancellationToken);
        if (draft is null)
        {
            return CommandReply.Refusal(refusal!);
        }

        if ((await store.ListAsync(cancellationToken)).FirstOrDefault(p => p.DialogKey == draft.DialogKey) is { } earlier)
        {
            if (Refusal(earlier, context) is { } refused)
            {
                return refused;
            }

            draft = await store.TryChangeAsync(earlier.Id, p => p.Status == PollStatus.Draft ? draft with { Id = p.Id, CreatedAt = p.CreatedAt } : null, cancellationToken);
            if (draft is null)
            {
                return CommandReply.Refusal(PollsStrings.Refuse_NotDraft);
            }
        }
        else
        {
            await store.InsertAsync(draft, cancellationToken);
        }

        return CommandReply.Dialog(cards.Poll(draft, BallotBox.Empty.Results(draft, 0), viewer: null, preview: true), PollsStrings.Create_Title);
    }

    private async Task<CommandReply> EditAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var draft = await store.GetAsync(PollId(context), cancellationToken);
        if (draft is null)
        {
            return UnknownPoll(context);
        }

        return Refusal(draft, context)
            ?? CommandReply.Dialog(cards.Create(await drafts.TopicsAsync(cancellationToken), PollDraft.FormOf(draft)), PollsStrings.Create_Title);
    }

    private async Task<CommandReply> LaunchAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var draft = await store.GetAsync(PollId(context), cancellationToken);
        if (draft is null)
        {
            return UnknownPoll(context);
        }

        if (Refusal(draft, context) is { } refused)
        {
            return refused;
        }

        try
        {
            var launched = await polls.LaunchAsync(draft, cancellationToken);
            return launched is null
                ? CommandReply.Refusal(PollsStrings.Refuse_NotDraft)
                : CommandReply.Text(string.Format(CultureInfo.CurrentCulture, PollsStrings.Launched, launched.Question));
        }
        catch (ConversationUnavailableException)
        {
            return CommandReply.Refusal(PollsStrings.Refuse_Unreachable);
        }
        catch (DeliveryFailedException)
        {
            return CommandReply.Refusal(PollsStrings.Refuse_LaunchFailed);
        }
    }

    /// <summary>Why a draft cannot be edited or launched from here: launched already, or prepared in another conversation.</summary>
    private static CommandReply? Refusal(Poll draft, CommandContext context)
        => draft.Status != PollStatus.Draft ? CommandReply.Refusal(PollsStrings.Refuse_NotDraft)
            : !SameConversation(draft.ConversationId, context.Conversation.Id) ? CommandReply.Refusal(PollsStrings.Refuse_OtherConversation)
            : null;

    /// <summary>A channel's threads ("19:x@thread.tacv2;messageid=1") are the channel: a dialog opened in a thread belongs to it.</summary>
    private static bool SameConversation(string a, string b)
    {
        static string Channel(string id) => id.Split(";messageid=", 2)[0];
        return string.Equals(Channel(a), Channel(b), StringComparison.Ordinal);
    }

    private async Task<CommandReply> VoteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetForVoteAsync(PollId(context), cancellationToken);
        var vote = await polls.VoteAsync(poll, context.User, context.Data.GetList("choices"), cancellationToken);
        switch (vote.Refusal)
        {
            case VoteRefusal.UnknownPoll:
                return UnknownPoll(context);
            case VoteRefusal.NotOpen:
                return CommandReply.Refusal(PollsStrings.Refuse_NotOpen);
            case VoteRefusal.NoChoice:
                return CommandReply.Refusal(PollsStrings.Refuse_NoChoice);
            case VoteRefusal.UnknownOption:
                return CommandReply.Refusal(PollsStrings.Refuse_UnknownOption);
            case VoteRefusal.TooManyChoices:
                return CommandReply.Refusal(PollTally.Counted(context.Culture, nameof(PollsStrings.Refuse_TooManyChoices), poll!.MaxChoices));
        }

        // Action.Submit would replace the shared card for everyone: that member gets a private-looking note instead.
        if (context.Source != CommandSource.Execute)
        {
            var chosen = context.Data.GetList("choices");
            return CommandReply.Text(string.Format(CultureInfo.CurrentCulture, PollsStrings.Voted, string.Join(", ", poll!.Options.Where(o => chosen.Contains(o.Id)).Select(o => o.Text))));
        }

        return CommandReply.Update(await polls.ViewerCardAsync(poll!, vote, await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken), context.TimeZone?.Id, cancellationToken));
    }

    private async Task<CommandReply> RefreshAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context), cancellationToken);
        return poll is null
            ? UnknownPoll(context)
            : CommandReply.Update(await polls.ViewerCardAsync(poll, context.User, await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken), context.TimeZone?.Id, cancellationToken));
    }

    /// <summary>The moderator's dialog for a poll: the way to Close, Remind and Export where the card cannot show them per viewer.</summary>
    private async Task<CommandReply> ManageAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context), cancellationToken);
        return poll is null ? UnknownPoll(context)
            : poll.Status != PollStatus.Open ? CommandReply.Refusal(PollsStrings.Refuse_AlreadyClosed)
            : CommandReply.Dialog(await polls.ManageCardAsync(poll, confirmClose: false, cancellationToken), PollsStrings.Manage_Title);
    }

    /// <summary>Closes only once confirmed: first the question with the turnout ("Close now? 12 of 23 members have voted").</summary>
    private async Task<CommandReply> CloseAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context), cancellationToken);
        if (poll is null)
        {
            return UnknownPoll(context);
        }

        if (poll.Status != PollStatus.Open)
        {
            return CommandReply.Refusal(PollsStrings.Refuse_AlreadyClosed);
        }

        if (!context.Data.GetFlag("confirm"))
        {
            return CommandReply.Dialog(await polls.ManageCardAsync(poll, confirmClose: true, cancellationToken), PollsStrings.Manage_Title);
        }

        var closed = await polls.CloseAsync(poll.Id, cancellationToken);
        return closed is null
            ? CommandReply.Refusal(PollsStrings.Refuse_AlreadyClosed)
            : CommandReply.Text(string.Format(CultureInfo.CurrentCulture, closed.ResultsDelivery switch
            {
                ResultsDelivery.Failed => PollsStrings.Closed_ResultsFailed,
                ResultsDelivery.Unreachable => PollsStrings.Closed_ResultsUnreachable,
                ResultsDelivery.Unknown => PollsStrings.Closed_ResultsUnknown,
                _ => PollsStrings.Closed,
            }, closed.Question));
    }

    private async Task<CommandReply> RemindAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context), cancellationToken);
        if (poll is null)
        {
            return UnknownPoll(context);
        }

        if (poll.Status != PollStatus.Open)
        {
            return CommandReply.Refusal(PollsStrings.Refuse_AlreadyClosed);
        }

        try
        {
            var (count, _) = await polls.RemindNonVotersAsync(poll, cancellationToken);
            return CommandReply.Text(PollTally.Counted(context.Culture, nameof(PollsStrings.Reminding), count));
        }
        catch (ConversationUnavailableException)
        {
            return CommandReply.Refusal(PollsStrings.Refuse_RemindUnreachable);
        }
        catch (DeliveryFailedException)
        {
            return CommandReply.Refusal(PollsStrings.Refuse_RemindFailed);
        }
    }

    private async Task<CommandReply> ListAsync(CancellationToken cancellationToken)
    {
        var launched = (await store.ListAsync(cancellationToken))
            .Where(p => p.Status != PollStatus.Draft)
            .OrderBy(p => p.Status == PollStatus.Open ? 0 : 1)
            .ThenByDescending(p => p.LaunchedAt)
            .ToList();
        return CommandReply.Card(cards.List(launched), PollsStrings.List_Title);
    }

    private async Task<CommandReply> ExportAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context) ?? context.Arguments, cancellationToken);
        if (poll is null || poll.Status == PollStatus.Draft)
        {
            return UnknownPoll(context);
        }

        var table = PollExport.Table(poll, [.. (await store.BallotsAsync(poll.Id, cancellationToken)).Select(b => b.Value)]);
        var csv = await downloads.CreateAsync($"poll-{poll.Id}-ballots.csv", TableExport.CsvContentType, TableExport.ToCsv(table), cancellationToken);
        var xlsx = await downloads.CreateAsync($"poll-{poll.Id}-ballots.xlsx", TableExport.XlsxContentType, TableExport.ToXlsx(table), cancellationToken);
        var title = string.Format(CultureInfo.CurrentCulture, PollsStrings.Export_Title, poll.Question);
        return context.Source == CommandSource.Dialog
            ? CommandReply.Dialog(cards.Export(poll, csv, xlsx), title)
            : CommandReply.Card(cards.Export(poll, csv, xlsx), title);
    }

    private static string? PollId(CommandContext context) => context.Data.GetString("pollId");

    private static CommandReply UnknownPoll(CommandContext context)
        => CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, PollsStrings.Refuse_UnknownPoll, Cards.CardText.Escape(PollId(context) ?? context.Arguments)));
}
