using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Localization;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Digest;

/// <summary>
/// Asks every feature for its section and lays them out in one card that stays under Teams' message size
/// limit: long lists end with "and N more", and lines are cut further until the serialized card fits.
/// </summary>
internal sealed partial class DigestComposer(IEnumerable<IDigestSource> sources, ICardRenderer cards, IOptionsMonitor<DigestOptions> options, ILogger<DigestComposer> logger)
{
    /// <summary>Teams accepts 100 KB per message; the card keeps well clear of it (the activity wraps it).</summary>
    public const int MaxCardBytes = 28 * 1024;

    private const int MaxLineLength = 400;

    /// <summary>The digest for a period, or null when it was a quiet week and the setting says to post nothing.</summary>
    public async Task<OutgoingMessage?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sections = new List<DigestSection>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            try
            {
                if (await source.ComposeAsync(period, cancellationToken) is { } section && (section.Lines.Count > 0 || section.ActionVerb is not null))
                {
                    sections.Add(section);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One feature's failure costs its own section, not the whole digest.
                LogSourceFailed(logger, source.GetType().Name, ex);
            }
        }

        var settings = options.CurrentValue;
        if (sections.Count == 0 && settings.QuietWeek == QuietWeek.Nothing)
        {
            return null;
        }

        var title = string.Format(CultureInfo.CurrentCulture, DigestStrings.Card_Title, DateRange(period, settings.Zone));
        return OutgoingMessage.FromCard(Render(title, sections, settings.MaxLinesPerSection), title);
    }

    private JsonObject Render(string title, IReadOnlyList<DigestSection> sections, int maxLines)
    {
        var shown = sections.Select(s => Math.Min(s.Lines.Count, Math.Max(1, maxLines))).ToArray();
        while (true)
        {
            var card = cards.Render("digest-weekly", Data(title, sections, shown));
            if (Encoding.UTF8.GetByteCount(card.ToJsonString()) <= MaxCardBytes || shown.All(n => n == 0))
            {
                return card;
            }

            // Cut where the most is shown, so every section keeps a share of the space.
            var longest = Array.IndexOf(shown, shown.Max());
            shown[longest] = Math.Max(0, shown[longest] - Math.Max(1, shown[longest] / 4));
        }
    }

    private static JsonObject Data(string title, IReadOnlyList<DigestSection> sections, int[] shown)
    {
        var items = new JsonArray();
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            var item = new JsonObject
            {
                ["title"] = section.Title,
                ["lines"] = new JsonArray([.. section.Lines.Take(shown[i]).Select(line => (JsonNode)new JsonObject { ["line"] = Shorten(line) })]),
            };
            var hidden = section.Lines.Count - shown[i];
            if (hidden > 0)
            {
                item["more"] = Plural.Format(CultureInfo.CurrentUICulture, DigestStrings.Card_More, hidden);
            }

            if (section.ActionVerb is { Length: > 0 } verb)
            {
                item["verb"] = verb;
                item["actionTitle"] = section.ActionTitle ?? section.Title;
            }

            items.Add(item);
        }

        var data = new JsonObject { ["title"] = title, ["sections"] = items };
        if (sections.Count == 0)
        {
            data["quiet"] = DigestStrings.Card_Quiet;
        }

        return data;
    }

    private static string Shorten(string line) => line.Length <= MaxLineLength ? line : string.Concat(line.AsSpan(0, MaxLineLength - 1), "…");

    /// <summary>Dates as the group reads them: in its own zone, not UTC.</summary>
    private static string DateRange(DigestPeriod period, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(period.Start, zone);
        var end = TimeZoneInfo.ConvertTime(period.End, zone);
        var format = CultureInfo.CurrentCulture.DateTimeFormat;
        var from = start.ToString("d MMMM yyyy", format);
        var to = end.ToString("d MMMM yyyy", format);
        return from == to ? from : string.Format(CultureInfo.CurrentCulture, DigestStrings.Card_Range, from, to);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest source {Source} failed; its section is left out")]
    private static partial void LogSourceFailed(ILogger logger, string source, Exception exception);
}
