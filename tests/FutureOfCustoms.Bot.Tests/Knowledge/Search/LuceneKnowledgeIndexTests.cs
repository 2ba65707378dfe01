using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

public sealed class LuceneKnowledgeIndexTests : KnowledgeIndexContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knowledge-contract-" + Guid.NewGuid().ToString("N"));

    private protected override Task<IKnowledgeIndex> CreateIndexAsync() =>
        Task.FromResult<IKnowledgeIndex>(LuceneKnowledgeIndex.OpenFolder(_folder, Corpus.Synonyms, KnowledgeEmbeddings.Local()));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
