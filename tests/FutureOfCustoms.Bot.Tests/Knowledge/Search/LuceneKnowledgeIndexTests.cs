using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;
using Microsoft.Extensions.AI;

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

    [Fact]
    public async Task A_start_with_an_unchanged_corpus_and_model_embeds_nothing_and_a_changed_passage_embeds_only_itself()
    {
        // Arrange: a model id of its own, so that the process-wide vector cache cannot hide what is embedded.
        var folder = Directory.CreateTempSubdirectory("knowledge-embeds-").FullName;
        using var model = new CountingGenerator(new ArcticXsEmbeddingGenerator(), "arctic-counted-" + Guid.NewGuid().ToString("N"));
        using (var first = LuceneKnowledgeIndex.OpenFolder(folder, Corpus.Synonyms, new KnowledgeEmbeddings(model, ArcticXsEmbeddingGenerator.QueryPrefix)))
        {
            await first.SynchronizeCorpusAsync(Corpus.Passages, CancellationToken.None);
        }

        var cold = model.Embedded;

        // Act
        bool rebuilt;
        using (var restarted = LuceneKnowledgeIndex.OpenFolder(folder, Corpus.Synonyms, new KnowledgeEmbeddings(model, ArcticXsEmbeddingGenerator.QueryPrefix)))
        {
            rebuilt = await restarted.SynchronizeCorpusAsync(Corpus.Passages, CancellationToken.None);
        }

        var afterRestart = model.Embedded;
        using (var changed = LuceneKnowledgeIndex.OpenFolder(folder, Corpus.Synonyms, new KnowledgeEmbeddings(model, ArcticXsEmbeddingGenerator.QueryPrefix)))
        {
            await changed.SynchronizeCorpusAsync([.. Corpus.Passages.Select((p, i) => i == 5 ? p with { Text = p.Text + " Corrected." } : p)], CancellationToken.None);
        }

        // Assert
        Assert.Equal(Corpus.Passages.Count, cold);
        Assert.False(rebuilt);
        Assert.Equal(cold, afterRestart);
        Assert.Equal(cold + 1, model.Embedded);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Another_embedding_model_rebuilds_the_index_with_its_own_vectors()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("knowledge-models-").FullName;
        using (var first = LuceneKnowledgeIndex.OpenFolder(folder, Corpus.Synonyms, KnowledgeEmbeddings.Local()))
        {
            await first.SynchronizeCorpusAsync(Corpus.Passages, CancellationToken.None);
        }

        using var other = new CountingGenerator(new ArcticXsEmbeddingGenerator(), "another-model-" + Guid.NewGuid().ToString("N"));

        // Act
        using var index = LuceneKnowledgeIndex.OpenFolder(folder, Corpus.Synonyms, new KnowledgeEmbeddings(other, string.Empty));
        var rebuilt = await index.SynchronizeCorpusAsync(Corpus.Passages, CancellationToken.None);

        // Assert
        Assert.True(rebuilt);
        Assert.Equal(Corpus.Passages.Count, other.Embedded);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The real model under another id, counting the texts it is asked to embed.</summary>
    private sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string modelId) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        private int _embedded;

        public int Embedded => _embedded;

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Interlocked.Add(ref _embedded, list.Count);
            return base.GenerateAsync(list, options, cancellationToken);
        }

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("counted", null, modelId, ArcticXsEmbeddingGenerator.Dimensions) : base.GetService(serviceType, serviceKey);
    }
}
