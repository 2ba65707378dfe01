using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
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

    // Bump when the fields or the analysis change, so that existing indexes are rebuilt.
    private const string SchemaVersion = "2";

    // The citation holds the parent section titles: it places a passage but says less about it than its own words.
    private static readonly (string Field, float Boost)[] SearchFields = [("title", 1f), ("citation", 0.5f), ("text", 1f)];

    // Neighbouring question words found next to each other ("audit guidelines", "Kyoto Convention") mark the passage
    // that says it rather than one that mentions the words apart.
    private const float WordPairBoost = 0.5f;
    private const int WordPairSlop = 1;

    // Passages shorter than this (Annex II list entries, one-line discussion questions) match few words by
    // construction and would otherwise win on a single shared term; the penalty is sqrt(length / this).
    private const float ShortPassageLength = 300f;

    // The length penalty reorders the best candidates only, so a few more than asked for are fetched.
    private const int RerankPool = 30;

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
    private SearcherManager? _searchers;

    private const int MaxAnalyzedPerReader = 20_000;

    public LuceneKnowledgeIndex(LuceneDirectory directory, Synonyms synonyms)
    {
        _directory = directory;
        _synonymsText = synonyms.Text;
        _indexAnalyzer = KnowledgeAnalyzers.CreateIndexAnalyzer(synonyms.BuildMap());
        _queryAnalyzer = KnowledgeAnalyzers.CreateQueryAnalyzer();
    }

    public static LuceneKnowledgeIndex OpenFolder(string path, Synonyms synonyms) =>
        new(FSDirectory.Open(KnowledgeOptions.Resolve(path)), synonyms);

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

            Write(writer =>
            {
                writer.DeleteDocuments(new Term("source", Passage.CorpusSource));
                foreach (var passage in corpus)
                {
                    writer.UpdateDocument(new Term("id", passage.Id), ToDocument(passage));
                }

                writer.SetCommitData(new Dictionary<string, string> { [CorpusHashKey] = hash });
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
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            Write(writer =>
            {
                foreach (var passage in passages)
                {
                    writer.UpdateDocument(new Term("id", passage.Id), ToDocument(passage));
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

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, IReadOnlyCollection<PassageKind>? kinds, CancellationToken cancellationToken)
    {
        var terms = QueryTerms(query);
        if (terms.Count == 0 || top <= 0 || _searchers is null)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var docs = searcher.Search(BuildQuery(terms), KindFilter(kinds), Math.Max(top, RerankPool));
            var lengths = MultiDocValues.GetNumericValues(searcher.IndexReader, "length");
            var ranked = docs.ScoreDocs
                .Select(d => (d.Doc, Score: d.Score * Math.Sqrt(Math.Min(1, (lengths?.Get(d.Doc) ?? 0) / ShortPassageLength))))
                .OrderByDescending(c => c.Score)
                .Take(top)
                .Select(c =>
                {
                    var analyzed = Analyzed(searcher, c.Doc);
                    var (highlights, share) = Highlight(analyzed, terms);
                    return new SearchHit(analyzed.Passage, c.Score, highlights, share);
                })
                .ToList();
            return Task.FromResult<IReadOnlyList<SearchHit>>(ranked);
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
        var builder = new StringBuilder(SchemaVersion).Append('\n').Append(_synonymsText);
        foreach (var passage in corpus)
        {
            builder.Append('\n').Append(passage.Id).Append('\t').Append(passage.Title).Append('\t').Append(passage.CitationPath)
                .Append('\t').Append(passage.Kind).Append('\t').Append(passage.ParagraphNumber).Append('\t').Append(passage.BuildingBlock)
                .Append('\t').Append(passage.Text);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static Document ToDocument(Passage passage)
    {
        var document = new Document
        {
            new StringField("id", passage.Id, Field.Store.YES),
            new TextField("title", passage.Title, Field.Store.YES),
            new TextField("citation", passage.CitationPath, Field.Store.YES),
            new TextField("text", passage.Text, Field.Store.YES),
            new NumericDocValuesField("length", passage.Text.Length),
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

    private sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
