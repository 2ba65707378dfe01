using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Knowledge.Embeddings;

/// <summary>Vectors for passages and questions from the configured <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
/// (the local ArcticXs model or an Azure OpenAI deployment), through a vector cache keyed by text and model id.</summary>
internal sealed class KnowledgeEmbeddings : IDisposable
{
    // Why one cache per process: the hosts of a test run (hundreds) and the CLI each index the same corpus; with
    // the cache only the first of them pays for its vectors. Keys hold the model id, so two models never mix.
    private static readonly IDistributedCache SharedCache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions
    {
        SizeLimit = 64L * 1024 * 1024,
    }));

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly string _queryPrefix;

    public KnowledgeEmbeddings(IEmbeddingGenerator<string, Embedding<float>> model, string queryPrefix)
    {
        var metadata = model.GetService<EmbeddingGeneratorMetadata>();
        ModelId = metadata?.DefaultModelId
            ?? throw new InvalidOperationException("The embedding generator does not name its model; the index could not tell its vectors apart.");
        Dimensions = metadata.DefaultModelDimensions
            ?? throw new InvalidOperationException("The embedding generator does not say how long its vectors are; the Azure AI Search vector field needs it.");
        _queryPrefix = queryPrefix;
        _generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(model)
            .UseDistributedCache(SharedCache, cache => cache.CacheKeyAdditionalValues = [ModelId])
            .Build();
    }

    /// <summary>The model's id: part of the index hash, so that a change of model re-embeds the corpus.</summary>
    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>The local model, as configured by default.</summary>
    public static KnowledgeEmbeddings Local() => new(new ArcticXsEmbeddingGenerator(), ArcticXsEmbeddingGenerator.QueryPrefix);

    /// <summary>What is embedded for a passage: its title places the text ("E-commerce: ...").</summary>
    public static string PassageInput(Passage passage) => passage.Title + "\n" + passage.Text;

    public async Task<float[]> EmbedQueryAsync(string question, CancellationToken cancellationToken)
    {
        var embedding = await _generator.GenerateAsync(_queryPrefix + question, cancellationToken: cancellationToken);
        return VectorMath.Normalize(embedding.Vector.Span);
    }

    public async Task<IReadOnlyList<float[]>> EmbedPassagesAsync(IReadOnlyList<Passage> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0)
        {
            return [];
        }

        var embeddings = await _generator.GenerateAsync(passages.Select(PassageInput), cancellationToken: cancellationToken);
        return [.. embeddings.Select(e => VectorMath.Normalize(e.Vector.Span))];
    }

    public void Dispose() => _generator.Dispose();
}
