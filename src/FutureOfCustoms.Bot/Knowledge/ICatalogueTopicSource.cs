namespace FutureOfCustoms.Bot.Knowledge;

/// <summary>A topic that joined the group's catalogue after the document, e.g. an accepted suggestion.</summary>
public sealed record CatalogueTopic(string Id, string Title, IReadOnlyList<string> Bodies, string? TakenUpBy, string Origin);

/// <summary>
/// Topics beyond Annex II. The feature that adds topics (suggestions) implements it; `topics`, polls and
/// the index read every registered source, so neither side depends on the other's internals.
/// </summary>
public interface ICatalogueTopicSource
{
    Task<IReadOnlyList<CatalogueTopic>> ListAsync(CancellationToken cancellationToken);
}
