namespace FutureOfCustoms.Bot.Suggestions;

internal sealed class SuggestionsOptions
{
    public const string SectionName = "Suggestions";

    /// <summary>Share (0-1) of the shorter title's words an existing topic must share to be shown as a close match.</summary>
    public double SimilarityThreshold { get; set; } = 0.6;

    /// <summary>Suggestions per page of the list card.</summary>
    public int PageSize { get; set; } = 5;
}
