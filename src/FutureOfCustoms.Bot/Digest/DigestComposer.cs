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
/// limit: long lists end with "and N more", and lines are cut further until the serialized card fits. The
/// channel mixes English and French speakers, so the card carries both languages, composed from the same
/// period (the same facts): English shown, French behind a toggle.
/// </summary>
internal sealed partial class DigestComposer(IEnumerable<IDigestSource> sources, ICardRenderer cards, IOptionsMonitor<DigestOptions> options, ILogger<DigestComposer> logger)
{
    /// <summary>Teams accepts 100 KB per message; the card keeps well clear of it (the activity wraps it).</summary>
    public const int MaxCardBytes = 28 * 1024;

    private const int MaxLineLength = 400;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    /// <summary>The digest for a period, or null when it was a quiet week and the setting says to post nothing.</summary>
    public async Task<OutgoingMessage?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var english = await SectionsAsync(period, English, cancellationToken);
        var settings = options.CurrentValue;
        if (english.Count == 0 && settings.QuietWeek == QuietWeek.Nothing)
        {
            return null;
        }

        var french = await SectionsAsync(period, French, cancellationToken);
        var editions = new[]
        {
            new Edition(English, Title(English, period, settings.Zone), english),
            new Edition(French, Title(French, period, settings.Zone), french),
        };
        return OutgoingMessage.FromCard(Render(editions, settings.MaxLinesPerSection), $"{editions[0].Title} / {editions[1].Title}");
    }

    // Each source writes in the ambient UI culture (its .resx); the culture set here is this call's own (async-local).
    private async Task<List<DigestSection>> SectionsAsync(DigestPeriod period, CultureInfo culture, CancellationToken cancellationToken)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
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

        return sections;
    }

    private JsonObject Render(IReadOnlyList<Edition> editions, int maxLines)
    {
        var shown = editions.Select(e => e.Sections.Select(s => Math.Min(s.Lines.Count, Math.Max(1, maxLines))).ToArray()).ToArray();
        while (true)
        {
            var data = new JsonObject
            {
                ["en"] = Data(editions[0], shown[0]),
                ["fr"] = Data(editions[1], shown[1]),
                ["toggleTitle"] = DigestStrings.Card_Languages,
            };
            var card = cards.Render("digest-weekly", data);
            if (Encoding.UTF8.GetByteCount(card.ToJsonString()) <= MaxCardBytes || shown.All(s => s.All(n => n == 0)))
            {
                return card;
            }

            // Cut where the most is shown, in both languages alike, so every section keeps a share of the space.
            foreach (var edition in shown.Where(s => s.Length > 0))
            {
                var longest = Array.IndexOf(edition, edition.Max());
                edition[longest] = Math.Max(0, edition[longest] - Math.Max(1, edition[longest] / 4));
            }
        }
    }

    private static JsonObject Data(Edition edition, int[] shown)
    {
        var items = new JsonArray();
        for (var i = 0; i < edition.Sections.Count; i++)
        {
            var section = edition.Sections[i];
            var item = new JsonObject
            {
                ["title"] = section.Title,
                ["lines"] = new JsonArray([.. section.Lines.Take(shown[i]).Select(line => (JsonNode)new JsonObject { ["line"] = Shorten(line) })]),
            };
            var hidden = section.Lines.Count - shown[i];
            if (hidden > 0)
            {
                item["more"] = Plural.Format(edition.Culture, Text(edition.Culture, nameof(DigestStrings.Card_More)), hidden);
            }

            if (section.ActionVerb is { Length: > 0 } verb)
            {
                item["verb"] = verb;
                item["actionTitle"] = section.ActionTitle ?? section.Title;
            }

            items.Add(item);
        }

        var data = new JsonObject { ["title"] = edition.Title, ["sections"] = items };
        if (edition.Sections.Count == 0)
        {
            data["quiet"] = Text(edition.Culture, nameof(DigestStrings.Card_Quiet));
        }

        return data;
    }

    private static string Title(CultureInfo culture, DigestPeriod period, TimeZoneInfo zone)
        => string.Format(culture, Text(culture, nameof(DigestStrings.Card_Title)), DateRange(period, zone, culture));

    private static string Text(CultureInfo culture, string name)
        => DigestStrings.ResourceManager.GetString(name, culture) ?? throw new InvalidOperationException($"DigestStrings has no {name}.");

    private static string Shorten(string line) => line.Length <= MaxLineLength ? line : string.Concat(line.AsSpan(0, MaxLineLength - 1), "…");

    /// <summary>Dates as the group reads them: in its own zone, not UTC.</summary>
    private static string DateRange(DigestPeriod period, TimeZoneInfo zone, CultureInfo culture)
    {
        var start = TimeZoneInfo.ConvertTime(period.Start, zone);
        var end = TimeZoneInfo.ConvertTime(period.End, zone);
        var format = culture.DateTimeFormat;
        var from = start.ToString("d MMMM yyyy", format);
        var to = end.ToString("d MMMM yyyy", format);
        return from == to ? from : string.Format(culture, Text(culture, nameof(DigestStrings.Card_Range)), from, to);
    }

    /// <summary>One language's version of the digest.</summary>
    private sealed record Edition(CultureInfo Culture, string Title, IReadOnlyList<DigestSection> Sections);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest source {Source} failed; its section is left out")]
    private static partial void LogSourceFailed(ILogger logger, string source, Exception exception);
}
