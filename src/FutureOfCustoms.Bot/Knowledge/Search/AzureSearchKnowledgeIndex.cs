using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Identity;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Azure.Search.Documents.Indexes.Models;
using Azure.Search.Documents.Models;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using AzureQueryOptions = Azure.Search.Documents.SearchOptions;

namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>The Azure AI Search provider: same fields as the embedded index, the en.lucene analyzer (the same
/// English stemming), the synonym map uploaded from the same Solr-format file, and a vector field (HNSW, cosine)
/// filled by the same embedding generator. A question asks the service twice, by text and by vector, and the two
/// lists are fused in the bot by <see cref="HybridFusion"/>, exactly as the embedded provider fuses its own.</summary>
/// <remarks>What differs from <see cref="LuceneKnowledgeIndex"/>: the service ranks with its own BM25 over all
/// searchable fields, weighted by the "titles" scoring profile (a sum over fields where Lucene takes the best field),
/// and it expands synonyms at query time where Lucene expands them when indexing. Lucene's own re-ranking has no
/// counterpart here: the reward for covering more of the question (squared coverage), the bonus for neighbouring
/// question words found together, and the penalty for passages shorter than 300 characters. Highlights come back as
/// marked fragments and become spans on every occurrence of a marked word. Both providers pass KnowledgeIndexContract;
/// the tuned figures of SearchQualityTests are the embedded index's.</remarks>
internal sealed partial class AzureSearchKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    private const string SynonymMapName = "knowledge-synonyms";
    private const string ScoringProfileName = "titles";
    private const string VectorProfileName = "passage-vectors";
    private const string VectorAlgorithmName = "hnsw-cosine";

    // Every field but the vector, which searches never need back.
    private static readonly string[] ResultFields = ["id", "title", "citation", "text", "kind", "paragraph", "buildingBlock", "source", "contentHash"];

    // The service returns at most 1,000 documents per request.
    private const int PageSize = 1000;

    private readonly SearchIndexClient _indexClient;
    private readonly SearchClient _client;
    private readonly string _indexName;
    private readonly Synonyms _synonyms;
    private readonly KnowledgeEmbeddings _embeddings;
    private readonly int _dimensions;
    private readonly Analyzer _queryAnalyzer = KnowledgeAnalyzers.CreateQueryAnalyzer();
    private readonly Lock _schemaLock = new();
    private Task? _schema;

    public AzureSearchKnowledgeIndex(SearchIndexClient indexClient, string indexName, Synonyms synonyms, KnowledgeEmbeddings embeddings)
    {
        _indexClient = indexClient;
        _indexName = indexName;
        _synonyms = synonyms;
        _embeddings = embeddings;
        _dimensions = embeddings.Dimensions;
        _client = indexClient.GetSearchClient(indexName);
    }

    /// <param name="clientOptions">The SDK's pipeline settings (transport, retries); null for the defaults.</param>
    public static AzureSearchKnowledgeIndex Create(AzureAISearchOptions options, Synonyms synonyms, KnowledgeEmbeddings embeddings, SearchClientOptions? clientOptions = null)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Search:AzureAISearch:Endpoint is required.");
        var client = options.ApiKey is { Length: > 0 } key
            ? new SearchIndexClient(endpoint, new AzureKeyCredential(key), clientOptions ?? new SearchClientOptions())
            : new SearchIndexClient(endpoint, new DefaultAzureCredential(), clientOptions ?? new SearchClientOptions());
        return new AzureSearchKnowledgeIndex(client, options.IndexName, synonyms, embeddings);
    }

    public async Task<bool> SynchronizeCorpusAsync(IReadOnlyList<Passage> corpus, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var stored = await StoredCorpusHashesAsync(cancellationToken);
        var documents = corpus.Select(p => PassageDocument.From(p, _embeddings.ModelId)).ToList();
        var changed = corpus.Where((_, i) => !stored.TryGetValue(documents[i].Id, out var hash) || hash != documents[i].ContentHash).ToList();
        var stale = stored.Keys.Except(documents.Select(d => d.Id), StringComparer.Ordinal).ToList();
        await UploadAsync(changed, cancellationToken);
        foreach (var batch in stale.Chunk(PageSize))
        {
            await _client.DeleteDocumentsAsync("id", batch, new IndexDocumentsOptions { ThrowOnAnyError = true }, cancellationToken);
        }

        return changed.Count > 0 || stale.Count > 0;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, IReadOnlyCollection<PassageKind>? kinds, CancellationToken cancellationToken)
    {
        var terms = Stems(query);
        if (terms.Count == 0 || top <= 0)
        {
            return [];
        }

        await EnsureSchemaAsync(cancellationToken);
        var filter = kinds is null ? null : $"search.in(kind, '{string.Join(',', kinds)}', ',')";
        var textOptions = QueryOptions(filter);
        textOptions.QueryType = SearchQueryType.Simple;
        textOptions.SearchMode = SearchMode.Any;
        textOptions.ScoringProfile = ScoringProfileName;
        textOptions.HighlightPreTag = "<em>";
        textOptions.HighlightPostTag = "</em>";
        textOptions.HighlightFields.Add("text");
        var vectorOptions = QueryOptions(filter);
        var vector = await _embeddings.EmbedQueryAsync(query, cancellationToken);
        vectorOptions.VectorSearch = new VectorSearchOptions
        {
            Queries = { new VectorizedQuery(vector) { KNearestNeighborsCount = HybridFusion.PoolSize, Fields = { "vector" } } },
        };

        // The question is sent as its words only: quotes, operators and wildcards would be query syntax.
        var byText = await ResultsAsync(SyntaxCharacters().Replace(query, " ").Trim(), textOptions, cancellationToken);
        var byVector = await ResultsAsync(null, vectorOptions, cancellationToken);
        var passages = byText.Concat(byVector).GroupBy(r => r.Passage.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // For the cosine metric the service scores 1 / (1 + (1 - cosine)).
        var fused = HybridFusion.Fuse(
            [.. byText.Select(r => new RankedCandidate(r.Passage.Id, r.Score))],
            [.. byVector.Select(r => new RankedCandidate(r.Passage.Id, 2 - (1 / r.Score)))]);
        return [.. fused.Take(top).Select(c =>
        {
            var (passage, _, words) = passages[c.Id];
            var matched = Stems(passage.Text + " " + passage.Title).Intersect(terms, StringComparer.Ordinal).Count();
            return new SearchHit(passage, c.Score, Spans(passage.Text, words), (double)matched / terms.Count, c);
        })];
    }

    private static AzureQueryOptions QueryOptions(string? filter)
    {
        var options = new AzureQueryOptions { Size = HybridFusion.PoolSize, Filter = filter };
        foreach (var field in ResultFields)
        {
            options.Select.Add(field);
        }

        return options;
    }

    /// <summary>One request's results: the passage, the service's score, and the words it marked in the text.</summary>
    private async Task<List<(Passage Passage, double Score, List<string> Words)>> ResultsAsync(string? text, AzureQueryOptions options, CancellationToken cancellationToken)
    {
        var response = await _client.SearchAsync<PassageDocument>(text, options, cancellationToken);
        var results = new List<(Passage, double, List<string>)>();
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken))
        {
            var marked = result.Highlights is { } highlights && highlights.TryGetValue("text", out var fragments) ? fragments : [];
            var words = marked.SelectMany(f => Emphasis().Matches(f).Select(m => m.Groups[1].Value)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            results.Add((result.Document.ToPassage(), result.Score ?? 0, words));
        }

        return results;
    }

    public async Task UpsertAsync(IEnumerable<Passage> passages, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await UploadAsync(passages.ToList(), cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return (await _client.GetDocumentCountAsync(cancellationToken)).Value;
    }

    public void Dispose() => _queryAnalyzer.Dispose();

    /// <summary>Creates the synonym map and the index once; a failed attempt (service unreachable) is retried by the next call.</summary>
    private Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        lock (_schemaLock)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = CreateSchemaAsync();
            }

            return _schema.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The content hash of every stored corpus passage, page by page in id order.</summary>
    private async Task<Dictionary<string, string>> StoredCorpusHashesAsync(CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var options = new AzureQueryOptions
            {
                Filter = $"source eq '{Passage.CorpusSource.Replace("'", "''", StringComparison.Ordinal)}'",
                Size = PageSize,
                Skip = stored.Count,
                OrderBy = { "id" },
                Select = { "id", "contentHash" },
            };
            var page = await _client.SearchAsync<PassageDocument>("*", options, cancellationToken);
            var read = 0;
            await foreach (var result in page.Value.GetResultsAsync().WithCancellation(cancellationToken))
            {
                stored[result.Document.Id] = result.Document.ContentHash;
                read++;
            }

            if (read < PageSize)
            {
                return stored;
            }
        }
    }

    /// <summary>Embeds the passages and uploads them with their vectors, a batch at a time.</summary>
    private async Task UploadAsync(IReadOnlyList<Passage> passages, CancellationToken cancellationToken)
    {
        foreach (var batch in passages.Chunk(PageSize))
        {
            var vectors = await _embeddings.EmbedPassagesAsync(batch, cancellationToken);
            var documents = batch.Select((p, i) => PassageDocument.From(p, _embeddings.ModelId, vectors[i]));
            await _client.MergeOrUploadDocumentsAsync(documents, new IndexDocumentsOptions { ThrowOnAnyError = true }, cancellationToken);
        }
    }

    private async Task CreateSchemaAsync()
    {
        await _indexClient.CreateOrUpdateSynonymMapAsync(new SynonymMap(SynonymMapName, _synonyms.SolrRules));
        SearchableField Searchable(string name) => new(name)
        {
            AnalyzerName = LexicalAnalyzerName.EnLucene,
            SynonymMapNames = { SynonymMapName },
        };
        var index = new SearchIndex(_indexName)
        {
            Fields =
            {
                // Sortable so that the stored corpus can be read page by page in a stable order.
                new SimpleField("id", SearchFieldDataType.String) { IsKey = true, IsFilterable = true, IsSortable = true },
                Searchable("title"),
                Searchable("citation"),
                Searchable("text"),
                new SimpleField("kind", SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField("paragraph", SearchFieldDataType.Int32) { IsFilterable = true },
                new SimpleField("buildingBlock", SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField("source", SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField("contentHash", SearchFieldDataType.String),
                new VectorSearchField("vector", _dimensions, VectorProfileName) { IsHidden = true },
            },
            VectorSearch = new VectorSearch
            {
                Profiles = { new VectorSearchProfile(VectorProfileName, VectorAlgorithmName) },
                Algorithms = { new HnswAlgorithmConfiguration(VectorAlgorithmName) { Parameters = new HnswParameters { Metric = VectorSearchAlgorithmMetric.Cosine } } },
            },
            ScoringProfiles =
            {
                new ScoringProfile(ScoringProfileName)
                {
                    // Lucene's field weights (title 1, citation 0.5, text 1), with the title raised because the
                    // service adds up the fields where Lucene counts a word in its best field only.
                    TextWeights = new TextWeights(new Dictionary<string, double> { ["title"] = 2, ["citation"] = 0.5, ["text"] = 1 }),
                },
            },
        };
        await _indexClient.CreateOrUpdateIndexAsync(index);
    }

    private List<string> Stems(string text)
    {
        var stems = new List<string>();
        using var stream = _queryAnalyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (!stems.Contains(value, StringComparer.Ordinal))
            {
                stems.Add(value);
            }
        }

        stream.End();
        return stems;
    }

    /// <summary>The service returns marked fragments, not offsets: every occurrence of a marked word is a span.</summary>
    private static List<HighlightSpan> Spans(string text, List<string> words)
    {
        var spans = new List<HighlightSpan>();
        foreach (var word in words)
        {
            foreach (Match match in Regex.Matches(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                spans.Add(new HighlightSpan(match.Index, match.Length));
            }
        }

        return [.. spans.OrderBy(s => s.Start).DistinctBy(s => s.Start)];
    }

    [GeneratedRegex(@"[\s+\-&|!(){}\[\]^""~*?:\\/]+")]
    private static partial Regex SyntaxCharacters();

    [GeneratedRegex("<em>(.*?)</em>")]
    private static partial Regex Emphasis();

    private sealed class PassageDocument
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("title")]
        public string Title { get; set; } = string.Empty;

        [JsonPropertyName("citation")]
        public string Citation { get; set; } = string.Empty;

        [JsonPropertyName("text")]
        public string Text { get; set; } = string.Empty;

        [JsonPropertyName("kind")]
        public string Kind { get; set; } = string.Empty;

        [JsonPropertyName("paragraph")]
        public int? Paragraph { get; set; }

        [JsonPropertyName("buildingBlock")]
        public string? BuildingBlock { get; set; }

        [JsonPropertyName("source")]
        public string Source { get; set; } = string.Empty;

        [JsonPropertyName("contentHash")]
        public string ContentHash { get; set; } = string.Empty;

        [JsonPropertyName("vector")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public float[]? Vector { get; set; }

        /// <param name="model">The embedding model's id, in the content hash: another model re-uploads every passage.</param>
        public static PassageDocument From(Passage passage, string model, float[]? vector = null) => new()
        {
            Id = passage.Id,
            Title = passage.Title,
            Citation = passage.CitationPath,
            Text = passage.Text,
            Kind = passage.Kind.ToString(),
            Paragraph = passage.ParagraphNumber,
            BuildingBlock = passage.BuildingBlock?.ToString(),
            Source = passage.Source,
            Vector = vector,
            ContentHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join('\t', passage.Title, passage.CitationPath, passage.Text, passage.Kind, passage.ParagraphNumber?.ToString(CultureInfo.InvariantCulture), passage.BuildingBlock, model)))),
        };

        public Passage ToPassage() => new(
            Id, Title, Citation, Text, Enum.Parse<PassageKind>(Kind), Paragraph, BuildingBlock is { Length: 1 } b ? b[0] : null, Source);
    }
}
