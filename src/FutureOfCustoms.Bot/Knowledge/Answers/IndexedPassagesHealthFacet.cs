using FutureOfCustoms.Bot.Hosting;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>/healthz shows how many passages the index holds, once it is built (asking must not start a build).</summary>
internal sealed class IndexedPassagesHealthFacet(KnowledgeBase knowledge) : IHealthFacet
{
    public string Name => "indexedDocuments";

    public async Task<object?> DescribeAsync(CancellationToken cancellationToken)
        => knowledge.IsIndexed ? await knowledge.CountAsync(cancellationToken) : null;
}
