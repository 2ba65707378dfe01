using System.Globalization;
using FutureOfCustoms.Bot.Digest;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>The digest's suggestions section: new suggestions and status changes of the period.</summary>
internal sealed class SuggestionDigestSource(SuggestionRepository repository) : IDigestSource
{
    public int Order => 30;

    public async Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        bool In(DateTimeOffset? time) => time >= period.Start && time < period.End;
        var all = (await repository.ActiveAsync(period.Start, period.End, cancellationToken)).OrderBy(s => s.Number).ToList();
        List<string> lines =
        [
            .. all.Where(s => In(s.CreatedAt)).Select(s => string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Digest_New, s.Number, s.Fields.Title, s.Fields.Administration)),
            .. all.Where(s => In(s.StatusChangedAt)).Select(s => string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Digest_Changed, s.Number, s.Fields.Title, SuggestionCatalogue.StatusName(s.Status))),
        ];
        return lines.Count == 0 ? null : new DigestSection(SuggestionsStrings.Digest_Title, lines, SuggestionsStrings.Digest_Button, "suggestions");
    }
}
