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
    public const string Preview = "poll.preview";
    public const string Launch = "poll.launch";
    public const string Close = "poll.close";
    public const string Remind = "poll.remind";
    public const string List = "polls";
    public const string Export = "poll.export";

    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Verb switch
        {
            Create => CreateAsync(cancellationToken),
            Preview => PreviewAsync(context, cancellationToken),
            Launch => LaunchAsync(context, cancellationToken),
            PollCards.VoteVerb => VoteAsync(context, cancellationToken),
            PollCards.RefreshVerb => RefreshAsync(context, cancellationToken),
            Close => CloseAsync(context, cancellationToken),
            Remind => RemindAsync(context, cancellationToken),
            List => ListAsync(cancellationToken),
            Export => ExportAsync(context, cancellationToken),
            _ => throw new InvalidOperationException($"PollCommands does not handle '{context.Verb}'."),
        };
    }

    private async Task<CommandReply> CreateAsync(CancellationToken cancellationToken)
        => CommandReply.Card(cards.Create(await drafts.TopicsAsync(cancellationToken)), PollsStrings.Create_Title);

    private async Task<CommandReply> PreviewAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await drafts.ReadAsync(context, cancellationToken);
        if (draft is null)
        {
            return CommandReply.Refusal(refusal!);
        }

        await store.InsertAsync(draft, cancellationToken);
        return CommandReply.Update(cards.Poll(draft, BallotBox.Empty.Results(draft, 0), viewer: null, preview: true));
    }

    private async Task<CommandReply> LaunchAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var draft = await store.GetAsync(PollId(context), cancellationToken);
        if (draft is null)
        {
            return UnknownPoll(context);
        }

        try
        {
            var launched = await polls.LaunchAsync(draft, cancellationToken);
            return launched is null
                ? CommandReply.Refusal(PollsStrings.Refuse_NotDraft)
                : CommandReply.Text(string.Format(CultureInfo.CurrentCulture, PollsStrings.Launched, launched.Id));
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
                return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, PollsStrings.Refuse_TooManyChoices, poll!.MaxChoices));
        }

        // Action.Submit would replace the shared card for everyone: that member gets a private-looking note instead.
        if (context.Source != CommandSource.Execute)
        {
            var chosen = context.Data.GetList("choices");
            return CommandReply.Text(string.Format(CultureInfo.CurrentCulture, PollsStrings.Voted, string.Join(", ", poll!.Options.Where(o => chosen.Contains(o.Id)).Select(o => o.Text))));
        }

        return CommandReply.Update(await polls.ViewerCardAsync(poll!, vote, await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken), cancellationToken));
    }

    private async Task<CommandReply> RefreshAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context), cancellationToken);
        return poll is null
            ? UnknownPoll(context)
            : CommandReply.Update(await polls.ViewerCardAsync(poll, context.User, await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken), cancellationToken));
    }

    private async Task<CommandReply> CloseAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var poll = await store.GetAsync(PollId(context), cancellationToken);
        if (poll is null)
        {
            return UnknownPoll(context);
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
            }, closed.Id));
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
            return CommandReply.Text(string.Format(CultureInfo.CurrentCulture, PollsStrings.Reminding, count));
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
        var poll = await store.GetAsync(context.Arguments, cancellationToken);
        if (poll is null || poll.Status == PollStatus.Draft)
        {
            return UnknownPoll(context);
        }

        var table = PollExport.Table(poll, [.. (await store.BallotsAsync(poll.Id, cancellationToken)).Select(b => b.Value)]);
        var csv = await downloads.CreateAsync($"poll-{poll.Id}-ballots.csv", TableExport.CsvContentType, TableExport.ToCsv(table), cancellationToken);
        var xlsx = await downloads.CreateAsync($"poll-{poll.Id}-ballots.xlsx", TableExport.XlsxContentType, TableExport.ToXlsx(table), cancellationToken);
        return CommandReply.Card(cards.Export(poll, csv, xlsx), string.Format(CultureInfo.CurrentCulture, PollsStrings.Export_Title, poll.Id));
    }

    private static string? PollId(CommandContext context) => context.Data.GetString("pollId");

    private static CommandReply UnknownPoll(CommandContext context)
        => CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, PollsStrings.Refuse_UnknownPoll, Cards.CardText.Escape(PollId(context) ?? context.Arguments)));
}
