using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Exports;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>`export suggestions` (moderators): every field, status and date, as CSV and XLSX download links.</summary>
internal sealed class SuggestionExportCommand(SuggestionRepository repository, SuggestionCards cards, IDownloadLinks links, TimeProvider time) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var suggestions = (await repository.ListAsync(cancellationToken)).OrderBy(s => s.Number).ToList();
        var table = ToTable(suggestions);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var csv = await links.CreateAsync($"suggestions-{stamp}.csv", TableExport.CsvContentType, TableExport.ToCsv(table), cancellationToken);
        var xlsx = await links.CreateAsync($"suggestions-{stamp}.xlsx", TableExport.XlsxContentType, TableExport.ToXlsx(table), cancellationToken);
        return CommandReply.Card(cards.Export(suggestions.Count, csv, xlsx), Plural.Format(CultureInfo.CurrentUICulture, SuggestionsStrings.Export_Heading, suggestions.Count));
    }

    /// <summary>Cells are the stored text as typed: the export writer defuses formulas, nothing renders markdown.</summary>
    internal static ExportTable ToTable(IReadOnlyList<Suggestion> suggestions) => new(
        SuggestionsStrings.Export_Sheet,
        [
            SuggestionsStrings.Export_Number, SuggestionsStrings.Export_Id, SuggestionsStrings.Export_Title, SuggestionsStrings.View_Why, SuggestionsStrings.View_Kind,
            SuggestionsStrings.View_Blocks, SuggestionsStrings.View_Bodies, SuggestionsStrings.View_Administration, SuggestionsStrings.View_Volunteer,
            SuggestionsStrings.View_Author, SuggestionsStrings.Export_AuthorId, SuggestionsStrings.Export_Conversation, SuggestionsStrings.View_Status,
            SuggestionsStrings.View_Submitted, SuggestionsStrings.Export_Edited, SuggestionsStrings.Export_StatusChanged, SuggestionsStrings.Export_Reviewer,
            SuggestionsStrings.View_Reason, SuggestionsStrings.View_MergedInto, SuggestionsStrings.Export_MergedIntoId,
        ],
        [.. suggestions.Select(s => (IReadOnlyList<string?>)
        [
            s.Number.ToString(CultureInfo.InvariantCulture), s.Id, s.Fields.Title, s.Fields.Why, SuggestionCatalogue.KindName(s.Fields.Kind),
            string.Join(", ", s.Fields.BuildingBlocks), string.Join(", ", s.Fields.Bodies), s.Fields.Administration, s.Fields.Volunteer ? SuggestionsStrings.Yes : SuggestionsStrings.No,
            s.Author.Name, s.Author.AadObjectId ?? s.Author.Id, s.ConversationId, SuggestionCatalogue.StatusName(s.Status),
            Iso(s.CreatedAt), Iso(s.EditedAt), Iso(s.StatusChangedAt), s.ReviewerName,
            s.ReviewReason, s.MergedIntoTitle, s.MergedIntoId,
        ])]);

    private static string? Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
