using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>The embedded provider: a Lucene index on disk, rebuilt only when the corpus or the synonyms change.
/// The analyzers and the <see cref="SearcherManager"/> live as long as the application, so a query costs no set-up.
/// The writer is opened only to write: several hosts in one process (tests) can then share an index folder.</summary>
internal sealed class LuceneKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    private const string CorpusHashKey = "corpus-hash";
    private const string ModelKey = "embedding-model";

    // Bump when the fields or the analysis change, so that existing indexes are rebuilt.
    private const string SchemaVersion = "3";

    // The citation holds the parent section titles: it places a passage but says less about it than its own words.
    private static readonly (string Field, float Boost)[] SearchFields = [("title", 1f), ("citation", 0.5f), ("text", 1f)];

    // Neighbouring question words found next to each other ("audit guidelines", "Kyoto Convention") mark the passage
    // that says it rather than one that mentions the words apart.
    private const float WordPairBoost = 0.5f;
    private const int WordPairSlop = 1;

    // Passages shorter than this (Annex II list entries, one-line discussion questions) match few words by
    // construction and would otherwise win on a single shared term; the penalty is sqrt(length / this).
    private const float ShortPassageLength = 300f;

    // The length penalty reorders the best candidates only, and fusion takes this many of each side.
    private const int RerankPool = HybridFusion.PoolSize;

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _indexAnalyzer;
    private readonly Analyzer _queryAnalyzer;
    // Near-full length normalisation (b = 0.9) keeps long progress chunks from winning on repetition alone; the
    // tiny passages it would favour are held back by the short-passage penalty instead.
    private readonly Similarity _similarity = new CoverageBm25Similarity(k1: 1.2f, b: 0.9f);
    private readonly string _synonymsText;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // The passages of each reader, read and analysed once: a question's hits then cost no stored-field decoding and
    // no re-analysis for highlighting, which were half of a question turn. Document numbers hold within one reader,
    // and a changed index comes with a new reader (so a new table); the bound keeps a large library from filling memory.
    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<int, AnalyzedPassage>> _analyzed = new();

    // Every live passage's vector, kind and id, read once per reader: exact cosine over all of them (see docs/benchmarks.md
    // for the size at which an approximate index would pay off).
    private readonly ConditionalWeakTable<IndexReader, VectorTable> _vectors = new();
    private readonly KnowledgeEmbeddings _embeddings;
    private SearcherManager? _searchers;

    private const int MaxAnalyzedPerReader = 20_000;

    public LuceneKnowledgeIndex(LuceneDirectory directory, Synonyms synonyms, KnowledgeEmbeddings embeddings)
    {
        _directory = directory;
        _embeddings = embeddings;
        _synonymsText = synonyms.Text;
        _indexAnalyzer = KnowledgeAnalyzers.CreateIndexAnalyzer(synonyms.BuildMap());
        _queryAnalyzer = KnowledgeAnalyzers.CreateQueryAnalyzer();
    }

    public static LuceneKnowledgeIndex OpenFolder(string path, Synonyms synonyms, KnowledgeEmbeddings embeddings) =>
        new(FSDirectory.Open(KnowledgeOptions.Resolve(path)), synonyms, embeddings);

    public async Task<bool> SynchronizeCorpusAsync(IReadOnlyList<Passage> corpus, CancellationToken cancellationToken)
    {
        var hash = Hash(corpus);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (DirectoryReader.IndexExists(_directory)
                && DirectoryReader.ListCommits(_directory)[^1].UserData.TryGetValue(CorpusHashKey, out var stored) && stored == hash)
            {
                RefreshSearchers();
                return false;
            }

            var vectors = await VectorsAsync(corpus, cancellationToken);
            Write(writer =>
            {
                writer.DeleteDocuments(new Term("source", Passage.CorpusSource));
                for (var i = 0; i < corpus.Count; i++)
                {
                    writer.UpdateDocument(new Term("id", corpus[i].Id), ToDocument(corpus[i], vectors[i]));
                }

                writer.SetCommitData(new Dictionary<string, string> { [CorpusHashKey] = hash, [ModelKey] = _embeddings.ModelId });
            });
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task UpsertAsync(IEnumerable<Passage> passages, CancellationToken cancellationToken)
    {
        var added = passages.ToList();
        var vectors = await _embeddings.EmbedPassagesAsync(added, cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            Write(writer =>
            {
                for (var i = 0; i < added.Count; i++)
                {
                    writer.UpdateDocument(new Term("id", added[i].Id), ToDocument(added[i], vectors[i]));
                }

                // Keep the corpus hash: an upsert must not make the next start think the corpus changed.
                writer.SetCommitData(writer.CommitData);
            });
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        if (_searchers is null)
        {
            return Task.FromResult(0L);
        }

        var searcher = _searchers.Acquire();
        try
        {
            return Task.FromResult((long)searcher.IndexReader.NumDocs);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, IReadOnlyCollection<PassageKind>? kinds, CancellationToken cancellationToken)
    {
        var terms = QueryTerms(query);
        if (terms.Count == 0 || top <= 0 || _searchers is null)
        {
            return [];
        }

        var vector = await _embeddings.EmbedQueryAsync(query, cancellationToken);
        var searcher = _searchers.Acquire();
        try
        {
            var docs = searcher.Search(BuildQuery(terms), KindFilter(kinds), RerankPool);
            var lengths = MultiDocValues.GetNumericValues(searcher.IndexReader, "length");
            var table = _vectors.GetValue(searcher.IndexReader, VectorTable.Read);
            var keyword = docs.ScoreDocs
                .Select(d => (d.Doc, Score: d.Score * Math.Sqrt(Math.Min(1, (lengths?.Get(d.Doc) ?? 0) / ShortPassageLength))))
                .OrderByDescending(c => c.Score)
                .Select(c => new RankedCandidate(table.Ids[c.Doc] ?? string.Empty, c.Score))
                .ToList();
            var fused = HybridFusion.Fuse(keyword, table.Nearest(vector, kinds, RerankPool));
            return [.. fused.Take(top).Select(c =>
            {
                var doc = table.Docs[c.Id];
                var analyzed = Analyzed(searcher, doc);
                var (highlights, share) = Highlight(analyzed, terms);
                return new SearchHit(analyzed.Passage, c.Score, highlights, share, double.IsNaN(c.Cosine) ? c with { Cosine = table.Cosine(doc, vector) } : c);
            })];
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        _indexAnalyzer.Dispose();
        _queryAnalyzer.Dispose();
        _directory.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>The corpus passages' vectors: those of the index when the model and the embedded text are unchanged
    /// (a corrected paragraph re-embeds that paragraph only), the rest from the model.</summary>
    private async Task<IReadOnlyList<float[]>> VectorsAsync(IReadOnlyList<Passage> corpus, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (_searchers is null && DirectoryReader.IndexExists(_directory))
        {
            RefreshSearchers();
        }

        if (_searchers is not null && DirectoryReader.IndexExists(_directory)
            && DirectoryReader.ListCommits(_directory)[^1].UserData.TryGetValue(ModelKey, out var model) && model == _embeddings.ModelId)
        {
            var searcher = _searchers.Acquire();
            try
            {
                var table = _vectors.GetValue(searcher.IndexReader, VectorTable.Read);
                foreach (var (id, doc) in table.Docs)
                {
                    known[KnowledgeEmbeddings.PassageInput(Analyzed(searcher, doc).Passage)] = table.Vectors[doc]!;
                }
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }

        var missing = corpus.Where(p => !known.ContainsKey(KnowledgeEmbeddings.PassageInput(p))).ToList();
        var embedded = await _embeddings.EmbedPassagesAsync(missing, cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            known[KnowledgeEmbeddings.PassageInput(missing[i])] = embedded[i];
        }

        return [.. corpus.Select(p => known[KnowledgeEmbeddings.PassageInput(p)])];
    }

    private void Write(Action<IndexWriter> change)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _indexAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
            WriteLockTimeout = 5000,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            change(writer);
            writer.Commit();
        }

        RefreshSearchers();
    }

    private void RefreshSearchers()
    {
        if (_searchers is null)
        {
            _searchers = new SearcherManager(_directory, new Bm25SearcherFactory(_similarity));
        }
        else
        {
            _searchers.MaybeRefreshBlocking();
        }
    }

    private static QueryWrapperFilter? KindFilter(IReadOnlyCollection<PassageKind>? kinds)
    {
        if (kinds is null)
        {
            return null;
        }

        var anyKind = new BooleanQuery();
        foreach (var kind in kinds)
        {
            anyKind.Add(new TermQuery(new Term("kind", kind.ToString())), Occur.SHOULD);
        }

        return new QueryWrapperFilter(anyKind);
    }

    private static BooleanQuery BuildQuery(List<string> terms)
    {
        // The word pairs stay outside the coverage factor, which counts the question's words only.
        var outer = new BooleanQuery(disableCoord: true);
        var words = new BooleanQuery();
        outer.Add(words, Occur.SHOULD);
        foreach (var term in terms)
        {
            // A word counts once, in the field where it matters most, plus a little for the other fields.
            var perField = new DisjunctionMaxQuery(0.2f);
            foreach (var (field, boost) in SearchFields)
            {
                perField.Add(new TermQuery(new Term(field, term)) { Boost = boost });
            }

            words.Add(perField, Occur.SHOULD);
        }

        for (var i = 0; i + 1 < terms.Count; i++)
        {
            var pair = new PhraseQuery { Slop = WordPairSlop, Boost = WordPairBoost };
            pair.Add(new Term("text", terms[i]));
            pair.Add(new Term("text", terms[i + 1]));
            outer.Add(pair, Occur.SHOULD);
        }

        return outer;
    }

    private List<string> QueryTerms(string query)
    {
        var terms = new List<string>();
        using var stream = _queryAnalyzer.GetTokenStream("text", query);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (!terms.Contains(value, StringComparer.Ordinal))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return terms;
    }

    private AnalyzedPassage Analyzed(IndexSearcher searcher, int doc)
    {
        var table = _analyzed.GetValue(searcher.IndexReader, _ => new ConcurrentDictionary<int, AnalyzedPassage>());
        if (table.TryGetValue(doc, out var known))
        {
            return known;
        }

        var analyzed = Analyze(FromDocument(searcher.Doc(doc)));
        if (table.Count < MaxAnalyzedPerReader)
        {
            table.TryAdd(doc, analyzed);
        }

        return analyzed;
    }

    /// <summary>Runs the index analysis over the passage so that stems and synonyms highlight too
    /// ("CBM" marks "coordinated border management"): each term with where it stands in the text.</summary>
    private AnalyzedPassage Analyze(Passage passage)
    {
        var text = new Dictionary<string, List<(int Start, int End)>>(StringComparer.Ordinal);
        using (var stream = _indexAnalyzer.GetTokenStream("text", passage.Text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var value = term.ToString();
                if (!text.TryGetValue(value, out var places))
                {
                    text[value] = places = [];
                }

                // Multi-word synonyms carry the offsets of neighbouring words: marking them would mark the wrong text.
                if (type.Type != SynonymFilter.TYPE_SYNONYM)
                {
                    places.Add((offset.StartOffset, offset.EndOffset));
                }
            }

            stream.End();
        }

        var title = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = _indexAnalyzer.GetTokenStream("title", passage.Title))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                title.Add(term.ToString());
            }

            stream.End();
        }

        return new AnalyzedPassage(passage, text, title);
    }

    /// <summary>Where the question's terms stand in the passage, and the share of them it holds (text or title).</summary>
    private static (IReadOnlyList<HighlightSpan>, double) Highlight(AnalyzedPassage analyzed, List<string> terms)
    {
        var places = new List<(int Start, int End)>();
        var matched = 0;
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            var inText = analyzed.TextTerms.TryGetValue(term, out var found);
            if (inText || analyzed.TitleTerms.Contains(term))
            {
                matched++;
            }

            if (found is not null)
            {
                places.AddRange(found);
            }
        }

        var spans = new List<HighlightSpan>();
        foreach (var (start, end) in places.Order())
        {
            AddSpan(spans, start, end);
        }

        return (spans, (double)matched / terms.Count);
    }

    private static void AddSpan(List<HighlightSpan> spans, int start, int end)
    {
        if (spans.Count > 0 && spans[^1].Start + spans[^1].Length >= start)
        {
            var last = spans[^1];
            spans[^1] = new HighlightSpan(last.Start, Math.Max(last.Start + last.Length, end) - last.Start);
            return;
        }

        spans.Add(new HighlightSpan(start, end - start));
    }

    private string Hash(IReadOnlyList<Passage> corpus)
    {
        var builder = new StringBuilder(SchemaVersion).Append('\n').Append(_embeddings.ModelId).Append('\n').Append(_synonymsText);
        foreach (var passage in corpus)
        {
            builder.Append('\n').Append(passage.Id).Append('\t').Append(passage.Title).Append('\t').Append(passage.CitationPath)
                .Append('\t').Append(passage.Kind).Append('\t').Append(passage.ParagraphNumber).Append('\t').Append(passage.BuildingBlock)
                .Append('\t').Append(passage.Text);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static Document ToDocument(Passage passage, float[] vector)
    {
        var document = new Document
        {
            new StringField("id", passage.Id, Field.Store.YES),
            new TextField("title", passage.Title, Field.Store.YES),
            new TextField("citation", passage.CitationPath, Field.Store.YES),
            new TextField("text", passage.Text, Field.Store.YES),
            new NumericDocValuesField("length", passage.Text.Length),
            new BinaryDocValuesField("vector", new BytesRef(VectorMath.ToBytes(vector))),
            new StringField("kind", passage.Kind.ToString(), Field.Store.YES),
            new StringField("source", passage.Source, Field.Store.YES),
        };
        if (passage.ParagraphNumber is { } paragraph)
        {
            document.Add(new StoredField("paragraph", paragraph));
        }

        if (passage.BuildingBlock is { } block)
        {
            document.Add(new StringField("block", block.ToString(), Field.Store.YES));
        }

        return document;
    }

    private static Passage FromDocument(Document document) => new(
        document.Get("id", CultureInfo.InvariantCulture),
        document.Get("title", CultureInfo.InvariantCulture),
        document.Get("citation", CultureInfo.InvariantCulture),
        document.Get("text", CultureInfo.InvariantCulture),
        Enum.Parse<PassageKind>(document.Get("kind", CultureInfo.InvariantCulture)),
        document.GetField("paragraph")?.GetInt32Value(),
        document.Get("block", CultureInfo.InvariantCulture) is { Length: 1 } block ? block[0] : null,
        document.Get("source", CultureInfo.InvariantCulture));

    /// <summary>BM25 that also rewards covering more of the question: a passage holding most of its words beats one
    /// that repeats a single frequent one (BM25Similarity itself ignores coverage).</summary>
    private sealed class CoverageBm25Similarity(float k1, float b) : BM25Similarity(k1, b)
    {
        public override float Coord(int overlap, int maxOverlap) => MathF.Pow((float)overlap / maxOverlap, 2);
    }

    /// <summary>A stored passage with its analysed terms: text terms with their places (none for synonyms), title terms.</summary>
    private sealed record AnalyzedPassage(Passage Passage, IReadOnlyDictionary<string, List<(int Start, int End)>> TextTerms, IReadOnlySet<string> TitleTerms);

    /// <summary>The live passages of one reader by document number: id, kind and unit vector.</summary>
    private sealed class VectorTable
    {
        private VectorTable(int size)
        {
            Ids = new string?[size];
            Kinds = new PassageKind[size];
            Vectors = new float[]?[size];
        }

        public string?[] Ids { get; }

        public PassageKind[] Kinds { get; }

        public float[]?[] Vectors { get; }

        public Dictionary<string, int> Docs { get; } = new(StringComparer.Ordinal);

        public static VectorTable Read(IndexReader reader)
        {
            var table = new VectorTable(reader.MaxDoc);
            var liveDocs = MultiFields.GetLiveDocs(reader);
            var vectors = MultiDocValues.GetBinaryValues(reader, "vector");
            var bytes = new BytesRef();
            var fields = new HashSet<string>(["id", "kind"], StringComparer.Ordinal);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (liveDocs is not null && !liveDocs.Get(doc))
                {
                    continue;
                }

                var stored = reader.Document(doc, fields);
                var id = stored.Get("id", CultureInfo.InvariantCulture);
                table.Ids[doc] = id;
                table.Kinds[doc] = Enum.Parse<PassageKind>(stored.Get("kind", CultureInfo.InvariantCulture));
                table.Docs[id] = doc;
                if (vectors is not null)
                {
                    vectors.Get(doc, bytes);
                    table.Vectors[doc] = VectorMath.FromBytes(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
                }
            }

            return table;
        }

        public double Cosine(int doc, float[] query) => Vectors[doc] is { Length: > 0 } v ? VectorMath.Cosine(v, query) : 0;

        public List<RankedCandidate> Nearest(float[] query, IReadOnlyCollection<PassageKind>? kinds, int count) =>
            [.. Docs.Values
                .Where(doc => kinds is null || kinds.Contains(Kinds[doc]))
                .Select(doc => new RankedCandidate(Ids[doc]!, Cosine(doc, query)))
                .OrderByDescending(c => c.Score)
                .Take(count)];
    }

    private sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
