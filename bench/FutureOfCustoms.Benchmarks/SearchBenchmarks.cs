using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The embedded search alone: query time and allocations, and index build time for the corpus and for a
/// synthetic 1,000-document corpus made of the corpus' own paragraphs, shuffled, so growth is visible.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class SearchBenchmarks : IDisposable
{
    private IReadOnlyList<Passage> _corpus = [];
    private Synonyms _synonyms = null!;
    private LuceneKnowledgeIndex _index = null!;

    [Params("What is coordinated border management?", "e-commerce and small parcels", "Which building block covers data analytics and artificial intelligence?", "3D printing")]
    public string Question { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _synonyms = Synonyms.Load(KnowledgeOptions.Resolve(new KnowledgeOptions().SynonymsPath));
        _corpus = new KnowledgeCorpus(Options.Create(new KnowledgeOptions())).Passages;
        _index = new LuceneKnowledgeIndex(new RAMDirectory(), _synonyms, KnowledgeEmbeddings.Local());
        _index.SynchronizeCorpusAsync(_corpus, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _index.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public async Task<int> Query() => (await _index.SearchAsync(Question, 5, null, CancellationToken.None)).Count;

    /// <summary>Documents of the corpus' typical size, assembled from its paragraphs in a fixed random order.</summary>
    internal static List<Passage> Synthesize(IReadOnlyList<Passage> corpus, int count)
    {
        var random = new Random(42);
        var paragraphs = corpus.Select(p => p.Text).Where(t => t.Length > 80).ToArray();
        var averageLength = (int)corpus.Average(p => p.Text.Length);
        var documents = new List<Passage>(count);
        for (var i = 0; i < count; i++)
        {
            var text = string.Empty;
            while (text.Length < averageLength)
            {
                text += paragraphs[random.Next(paragraphs.Length)] + " ";
            }

            text = text[..Math.Min(text.Length, Passage.MaxLength)];
            documents.Add(new Passage($"synthetic-{i}", $"Synthetic document {i}", $"Synthetic {i}", text, PassageKind.Paragraph));
        }

        return documents;
    }

    /// <summary>ShortRun, in process: no separate build of a generated project on a busy 2-core machine.</summary>
    internal sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}

/// <summary>Index build time for the corpus and for 1,000 synthetic documents of the corpus' typical size.</summary>
[MemoryDiagnoser]
[Config(typeof(SearchBenchmarks.ShortInProcess))]
public class SearchIndexBuildBenchmarks
{
    private IReadOnlyList<Passage> _corpus = [];
    private IReadOnlyList<Passage> _synthetic = [];
    private Synonyms _synonyms = null!;

    [GlobalSetup]
    public void Setup()
    {
        _synonyms = Synonyms.Load(KnowledgeOptions.Resolve(new KnowledgeOptions().SynonymsPath));
        _corpus = new KnowledgeCorpus(Options.Create(new KnowledgeOptions())).Passages;
        _synthetic = SearchBenchmarks.Synthesize(_corpus, 1_000);
    }

    [Benchmark]
    public async Task BuildCorpusIndex()
    {
        using var index = new LuceneKnowledgeIndex(new RAMDirectory(), _synonyms, KnowledgeEmbeddings.Local());
        await index.SynchronizeCorpusAsync(_corpus, CancellationToken.None);
    }

    [Benchmark]
    public async Task BuildSynthetic1000Index()
    {
        using var index = new LuceneKnowledgeIndex(new RAMDirectory(), _synonyms, KnowledgeEmbeddings.Local());
        await index.SynchronizeCorpusAsync(_synthetic, CancellationToken.None);
    }
}
