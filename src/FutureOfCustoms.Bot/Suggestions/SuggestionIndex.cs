using System.Globalization;
using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>
/// Accepted suggestions in the group's catalogue: listed for `topics` and polls, and indexed as topic passages
/// so `search` and the similarity check find them like the Annex II topics they join.
/// </summary>
internal sealed class SuggestionIndex(SuggestionRepository repository, KnowledgeBase knowledge) : ICatalogueTopicSource
{
    public const string Source = "suggestions";

    public async Task<IReadOnlyList<CatalogueTopic>> ListAsync(CancellationToken cancellationToken)
        => [.. (await repository.ListAsync(cancellationToken))
            .Where(s => s.Status == SuggestionStatus.Accepted)
            .OrderBy(s => s.Number)
            .Select(s => new CatalogueTopic(s.TopicId, s.Fields.Title, s.Fields.Bodies, s.Fields.Volunteer ? s.Fields.Administration : null, SuggestionsStrings.Origin_SuggestedByGroup))];

    public Task AddAsync(Suggestion suggestion, CancellationToken cancellationToken)
        => knowledge.UpsertAsync([ToPassage(suggestion)], cancellationToken);

    internal static Passage ToPassage(Suggestion suggestion)
    {
        var text = $"{suggestion.Fields.Title}\n{suggestion.Fields.Why}";
        if (suggestion.Fields.Bodies.Count > 0)
        {
            text += $" ({string.Join(", ", suggestion.Fields.Bodies)})";
        }

        return new Passage(
            suggestion.TopicId,
            suggestion.Fields.Title,
            string.Format(CultureInfo.InvariantCulture, "Suggestions > #{0} {1}", suggestion.Number, suggestion.Fields.Title),
            text.Length > Passage.MaxLength ? text[..Passage.MaxLength] : text,
            PassageKind.AnnexIITopic,
            Source: Source);
    }
}
