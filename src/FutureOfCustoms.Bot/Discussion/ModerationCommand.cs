using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>The moderator's side: the compilation, its export, closing and reopening, and reminders.</summary>
internal sealed class ModerationCommand(
    DiscussionStore store,
    DiscussionBoard board,
    DiscussionCards cards,
    DiscussionExport export,
    IDownloadLinks downloads,
    IOptions<DownloadOptions> downloadOptions,
    IMessenger messenger,
    PacedSender sender) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = DiscussionBoard.NameOf(context);
        if (await store.FindAsync(name, cancellationToken) is not { } set)
        {
            return DiscussionBoard.Unknown(name);
        }

        return context.Verb switch
        {
            "discussion.close" => await SetStatusAsync(context, set, DiscussionStatus.Closed, cancellationToken),
            "discussion.reopen" => await SetStatusAsync(context, set, DiscussionStatus.Open, cancellationToken),
            "discussion.remind" => await RemindAsync(context, set, cancellationToken),
            "responses.export" => await ExportAsync(set, cancellationToken),
            _ => Reply(context, cards.Responses(set, await store.AnswersAsync(name, cancellationToken)), set.Title),
        };
    }

    private async Task<CommandReply> SetStatusAsync(CommandContext context, DiscussionSet set, DiscussionStatus status, CancellationToken cancellationToken)
    {
        if (set.Status == status)
        {
            return CommandReply.Refusal(status == DiscussionStatus.Closed ? DiscussionStrings.Refuse_AlreadyClosed : DiscussionStrings.Refuse_AlreadyOpen);
        }

        var changed = (await store.UpdateAsync(set.Name, s => s.Status == status ? null : s with { Status = status }, cancellationToken))!;
        await board.RefreshPostsAsync(changed, cancellationToken);
        var notice = status == DiscussionStatus.Closed ? DiscussionStrings.Closed_Notice : DiscussionStrings.Reopened_Notice;
        return Reply(context, cards.Responses(changed, await store.AnswersAsync(set.Name, cancellationToken), notice), notice);
    }

    /// <summary>A 1:1 nudge to the team's members who have answered nothing, paced under the Teams limits.</summary>
    private async Task<CommandReply> RemindAsync(CommandContext context, DiscussionSet set, CancellationToken cancellationToken)
    {
        if (set.Status == DiscussionStatus.Closed)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_Closed);
        }

        if (set.PostedAt.Count == 0)
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_NotPosted, set.Name));
        }

        var post = set.PostedAt[0];

        var answered = (await store.AnswersAsync(set.Name, cancellationToken)).Select(a => a.AuthorKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<UserRef> roster;
        try
        {
            roster = await messenger.GetMembersAsync(post.ConversationId, cancellationToken);
        }
        catch (ConversationUnavailableException)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_Unreachable);
        }
        catch (DeliveryFailedException)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_TeamsBusy);
        }

        var waiting = roster.Where(m => !answered.Contains(m.Key)).ToList();
        if (waiting.Count == 0)
        {
            return Reply(context, cards.Responses(set, await store.AnswersAsync(set.Name, cancellationToken), DiscussionStrings.Remind_NoneLeft), DiscussionStrings.Remind_NoneLeft);
        }

        var nudge = OutgoingMessage.FromText(DiscussionCounts.ReminderMessage(CultureInfo.CurrentUICulture, set.Title, set.Questions.Count));
        var report = await sender.SendAsync(waiting, post.TenantId ?? context.Conversation.TenantId, _ => nudge, cancellationToken);
        var done = DiscussionCounts.RemindersDone(CultureInfo.CurrentUICulture, report.Sent.Count, report.NotReached);
        return Reply(context, cards.Responses(set, await store.AnswersAsync(set.Name, cancellationToken), done), done);
    }

    private async Task<CommandReply> ExportAsync(DiscussionSet set, CancellationToken cancellationToken)
    {
        var answers = await store.AnswersAsync(set.Name, cancellationToken);
        var word = await downloads.CreateAsync($"{set.Name}-responses.docx", DiscussionExport.DocxContentType, export.ToDocx(set, answers), cancellationToken);
        var csv = await downloads.CreateAsync($"{set.Name}-responses.csv", Exports.TableExport.CsvContentType, DiscussionExport.ToCsv(set, answers), cancellationToken);
        return CommandReply.Card(cards.Export(set, answers.Count, word, csv, downloadOptions.Value.LinkLifetime), DiscussionStrings.Export_Word);
    }

    /// <summary>From the responses card the card itself changes; typed, a new card is posted.</summary>
    private static CommandReply Reply(CommandContext context, System.Text.Json.Nodes.JsonObject card, string summary)
        => context.IsFromCard && context.CardActivityId is not null ? CommandReply.Update(card) : CommandReply.Card(card, summary);
}
