using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>The choices a suggestion card offers, all from the working document (never typed into code).</summary>
internal sealed class SuggestionCatalogue(KnowledgeBase knowledge)
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
}
