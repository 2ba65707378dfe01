using System.Globalization;
using System.Text.RegularExpressions;
using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>The choices a suggestion card offers, all from the working document (never typed into code).</summary>
internal sealed partial class SuggestionCatalogue(KnowledgeBase knowledge)
{
    public IReadOnlyList<(string Value, string Title)> BuildingBlocks { get; } =
        [.. knowledge.BuildingBlocks.Select(b => (b.Letter.ToString(), $"{b.Letter}) {b.Title}"))];

    /// <summary>The WCO bodies Annex II names in brackets, the most often named first.</summary>
    public IReadOnlyList<string> Bodies { get; } =
        [.. knowledge.AnnexIITopics.SelectMany(t => t.Bodies).GroupBy(b => b, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];

    /// <summary>Annex II topics as (index passage id, title): the merge targets and the similarity candidates.</summary>
    public IReadOnlyList<(string Id, string Title)> AnnexTopics { get; } =
        [.. knowledge.CorpusPassages.Where(p => p.Kind == PassageKind.AnnexIITopic).Select(p => (p.Id, p.Title))];

    /// <summary>"Technical Committee on Customs Valuation (TCCV)": the name members may not know by its acronym;
    /// a body without a name in <see cref="SuggestionsStrings"/> keeps its acronym.</summary>
    public static string BodyName(string acronym)
    {
        ArgumentNullException.ThrowIfNull(acronym);
        var name = SuggestionsStrings.ResourceManager.GetString("Body_" + NonWord().Replace(acronym, "_"), CultureInfo.CurrentUICulture);
        return name is null ? acronym : string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Body_Named, name, acronym);
    }

    /// <summary>
    /// A topic's title as a choice can show it: Annex II items run to whole sentences ("Trade developments incl. rise of
    /// emerging economies incl. BRICS, understanding of how trade is done, ..."), so the title ends at its first
    /// qualifier (", incl.", a bracket, a dash, a colon or semicolon) and at <see cref="ShortTitleLength"/> characters.
    /// </summary>
    public static string ShortTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var cut = Qualifier().Match(title) is { Success: true, Index: > 0 } qualifier ? title[..qualifier.Index].TrimEnd() : title;
        if (cut.Length <= ShortTitleLength)
        {
            return cut;
        }

        var space = cut.LastIndexOf(' ', ShortTitleLength - 1);
        return string.Concat(cut.AsSpan(0, space > 0 ? space : ShortTitleLength - 1).TrimEnd([',', ' ']), "…");
    }

    public const int ShortTitleLength = 48;

    public static IReadOnlyList<(string Value, string Title)> Kinds() =>
    [
        (nameof(SuggestionKind.NewResearchArea), SuggestionsStrings.Kind_NewResearchArea),
        (nameof(SuggestionKind.AlreadyDealtWith), SuggestionsStrings.Kind_AlreadyDealtWith),
        (nameof(SuggestionKind.AdditionalQuestion), SuggestionsStrings.Kind_AdditionalQuestion),
    ];

    public static string KindName(SuggestionKind kind) => kind switch
    {
        SuggestionKind.NewResearchArea => SuggestionsStrings.Kind_NewResearchArea,
        SuggestionKind.AlreadyDealtWith => SuggestionsStrings.Kind_AlreadyDealtWith,
        _ => SuggestionsStrings.Kind_AdditionalQuestion,
    };

    public static string StatusName(SuggestionStatus status) => status switch
    {
        SuggestionStatus.Accepted => SuggestionsStrings.Status_Accepted,
        SuggestionStatus.Merged => SuggestionsStrings.Status_Merged,
        SuggestionStatus.Declined => SuggestionsStrings.Status_Declined,
        SuggestionStatus.Withdrawn => SuggestionsStrings.Status_Withdrawn,
        _ => SuggestionsStrings.Status_Pending,
    };

    [GeneratedRegex(@"\W", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    [GeneratedRegex(@",\s*incl\.|\s\(|\s[–-]\s|[:;]", RegexOptions.CultureInvariant)]
    private static partial Regex Qualifier();
}
