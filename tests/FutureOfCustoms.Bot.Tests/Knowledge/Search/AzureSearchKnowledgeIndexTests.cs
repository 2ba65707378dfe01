using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

/// <summary>The Azure AI Search provider through the real SDK client against <see cref="FakeAzureSearchService"/>:
/// the contract, and what the SDK put on the wire.</summary>
public sealed class AzureSearchKnowledgeIndexTests : KnowledgeIndexContract
{
    private const string IndexName = "future-of-customs";

    private static readonly string[] SearchableFields = ["title", "citation", "text"];
    private static readonly string[] FilterFields = ["kind", "source"];

    private FakeAzureSearchService? _service;

    private FakeAzureSearchService Service => _service ?? throw new InvalidOperationException("The service starts in InitializeAsync.");

    private protected override async Task<IKnowledgeIndex> CreateIndexAsync()
    {
        _service = await FakeAzureSearchService.StartAsync();
        return Create(IndexName);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public void The_index_has_the_passage_fields_analyzed_by_en_lucene_with_the_synonym_map()
    {
        // Act
        var index = Service.IndexDefinition(IndexName)!;

        // Assert
        var fields = index["fields"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>());
        Assert.Equal(["id", "title", "citation", "text", "kind", "paragraph", "buildingBlock", "source", "contentHash", "vector"], fields.Keys);
        Assert.True(fields["id"]["key"]!.GetValue<bool>());
        Assert.All(SearchableFields, name =>
        {
            Assert.True(fields[name]["searchable"]!.GetValue<bool>());
            Assert.Equal("en.lucene", fields[name]["analyzer"]!.GetValue<string>());
            Assert.Equal("knowledge-synonyms", Assert.Single(fields[name]["synonymMaps"]!.AsArray())!.GetValue<string>());
        });
        Assert.All(FilterFields, name => Assert.True(fields[name]["filterable"]!.GetValue<bool>()));
        var weights = index["scoringProfiles"]![0]!["text"]!["weights"]!.AsObject();
        Assert.True(weights["title"]!.GetValue<double>() > weights["citation"]!.GetValue<double>());
    }

    [Fact]
    public void The_vector_field_has_the_model_s_384_dimensions_and_an_hnsw_cosine_profile_and_is_never_returned()
    {
        // Act
        var index = Service.IndexDefinition(IndexName)!;

        // Assert
        var vector = index["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "vector")!;
        Assert.Equal("Collection(Edm.Single)", vector["type"]!.GetValue<string>());
        Assert.Equal(384, vector["dimensions"]!.GetValue<int>());
        Assert.False(vector["retrievable"]!.GetValue<bool>());
        var profile = index["vectorSearch"]!["profiles"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == vector["vectorSearchProfile"]!.GetValue<string>())!;
        var algorithm = index["vectorSearch"]!["algorithms"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == profile["algorithm"]!.GetValue<string>())!;
        Assert.Equal("hnsw", algorithm["kind"]!.GetValue<string>());
        Assert.Equal("cosine", algorithm["hnswParameters"]!["metric"]!.GetValue<string>());
    }

    [Fact]
    public void The_synonym_map_holds_the_solr_rules_of_the_synonym_file()
    {
        // Act
        var map = Service.SynonymMap("knowledge-synonyms")!;

        // Assert
        Assert.Equal("solr", map["format"]!.GetValue<string>());
        var rules = map["synonyms"]!.GetValue<string>().Split('\n');
        var fileRules = Corpus.Synonyms.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(fileRules, rules);
        Assert.Contains("CBM, coordinated border management, integrated border management", rules);
    }

    [Fact]
    public void Uploads_carry_every_passage_field()
    {
        // Arrange
        var passages = new[]
        {
            Corpus.Passages.First(p => p.ParagraphNumber is not null),
            Corpus.Passages.First(p => p.BuildingBlock is not null),
        };

        // Act
        var uploads = Uploads();

        // Assert
        Assert.All(passages, passage =>
        {
            var uploaded = uploads.Single(d => d["id"]!.GetValue<string>() == passage.Id);
            Assert.Equal("mergeOrUpload", uploaded["@search.action"]!.GetValue<string>());
            Assert.Equal(passage.Title, uploaded["title"]!.GetValue<string>());
            Assert.Equal(passage.CitationPath, uploaded["citation"]!.GetValue<string>());
            Assert.Equal(passage.Text, uploaded["text"]!.GetValue<string>());
            Assert.Equal(passage.Kind.ToString(), uploaded["kind"]!.GetValue<string>());
            Assert.Equal(passage.ParagraphNumber, uploaded["paragraph"]?.GetValue<int>());
            Assert.Equal(passage.BuildingBlock?.ToString(), uploaded["buildingBlock"]?.GetValue<string>());
            Assert.Equal(Passage.CorpusSource, uploaded["source"]!.GetValue<string>());
            Assert.Matches("^[0-9A-F]{64}$", uploaded["contentHash"]!.GetValue<string>());
            Assert.Equal(384, uploaded["vector"]!.AsArray().Count);
        });
    }

    [Fact]
    public async Task A_second_start_on_an_unchanged_corpus_uploads_nothing()
    {
        // Arrange
        using var restarted = Create(IndexName);
        var before = Uploads().Count;

        // Act
        var rebuilt = await restarted.SynchronizeCorpusAsync(Corpus.Passages, CancellationToken.None);

        // Assert
        Assert.False(rebuilt);
        Assert.Equal(before, Uploads().Count);
    }

    [Fact]
    public async Task A_changed_corpus_rewrites_only_the_changed_passages_and_keeps_upserted_ones()
    {
        // Arrange
        using var index = Create(IndexName);
        var upserted = new Passage("file-notes-1", "Notes", "notes > Notes", "The quokka protocol covers transit seals.", PassageKind.ImportedDocument, Source: "file:notes.txt");
        await index.UpsertAsync([upserted], CancellationToken.None);
        var corpus = Corpus.Passages.Skip(1).Select((p, i) => i == 0 ? p with { Text = p.Text + " Updated." } : p).ToList();
        var before = Uploads().Count;

        // Act
        var rebuilt = await index.SynchronizeCorpusAsync(corpus, CancellationToken.None);

        // Assert
        Assert.True(rebuilt);
        Assert.Equal(corpus[0].Id, Assert.Single(Uploads().Skip(before))["id"]!.GetValue<string>());
        Assert.Equal(corpus.Count + 1, await index.CountAsync(CancellationToken.None));
        Assert.Equal("file-notes-1", (await index.SearchAsync("quokka", 3, null, CancellationToken.None))[0].Passage.Id);
        Assert.Contains(Service.Requests.Where(r => r.Path.EndsWith("search.index", StringComparison.Ordinal)).SelectMany(r => r.Body!["value"]!.AsArray()), a => a!["@search.action"]!.GetValue<string>() == "delete" && a["id"]!.GetValue<string>() == Corpus.Passages[0].Id);
    }

    [Fact]
    public async Task Synchronizing_reads_back_every_stored_passage_beyond_the_first_thousand()
    {
        // Arrange
        using var index = Create("large-corpus");
        var corpus = Enumerable.Range(0, 2500)
            // One text for all: the model embeds it once, and paging is what this test is about.
            .Select(i => new Passage($"p-{i:D4}", "Title", "Doc > Title", "A passage about customs.", PassageKind.Paragraph, i))
            .ToList();
        await index.SynchronizeCorpusAsync(corpus, CancellationToken.None);
        var before = Uploads().Count;

        // Act
        var rebuilt = await index.SynchronizeCorpusAsync(corpus.Take(2400).ToList(), CancellationToken.None);

        // Assert
        Assert.True(rebuilt);
        Assert.Equal(before, Uploads().Count);
        Assert.Equal(2400, await index.CountAsync(CancellationToken.None));
        Assert.Contains(Service.Requests, r => r.Path.EndsWith("search.post.search", StringComparison.Ordinal) && r.Body?["skip"]?.GetValue<int>() == 2000);
    }

    [Fact]
    public async Task A_search_asks_for_highlights_with_the_scoring_profile_and_sends_no_query_syntax()
    {
        // Arrange
        using var index = Create(IndexName);

        // Act
        await index.SearchAsync("\"risk management\" AND (compendium)*", 5, [PassageKind.AnnexIITopic, PassageKind.Paragraph], CancellationToken.None);

        // Assert
        var search = Service.Requests.Last(r => r.Path.EndsWith("search.post.search", StringComparison.Ordinal) && r.Body?["search"] is not null).Body!;
        Assert.Equal("risk management AND compendium", search["search"]!.GetValue<string>());
        Assert.Equal("titles", search["scoringProfile"]!.GetValue<string>());
        Assert.Equal("text", search["highlight"]!.GetValue<string>());
        Assert.Equal("search.in(kind, 'AnnexIITopic,Paragraph', ',')", search["filter"]!.GetValue<string>());
        Assert.Equal(HybridFusion.PoolSize, search["top"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_search_sends_the_question_s_vector_to_the_vector_field_with_the_same_filter()
    {
        // Arrange
        using var index = Create(IndexName);

        // Act
        await index.SearchAsync("risk management compendium", 5, [PassageKind.C21Extract], CancellationToken.None);

        // Assert
        var search = Service.Requests.Last(r => r.Path.EndsWith("search.post.search", StringComparison.Ordinal) && r.Body?["vectorQueries"] is not null).Body!;
        var query = Assert.Single(search["vectorQueries"]!.AsArray())!;
        Assert.Equal("vector", query["kind"]!.GetValue<string>());
        Assert.Equal("vector", query["fields"]!.GetValue<string>());
        Assert.Equal(HybridFusion.PoolSize, query["k"]!.GetValue<int>());
        Assert.Equal(384, query["vector"]!.AsArray().Count);
        Assert.Equal("search.in(kind, 'C21Extract', ',')", search["filter"]!.GetValue<string>());
        Assert.DoesNotContain("vector", search["select"]!.GetValue<string>().Split(','));
    }

    private AzureSearchKnowledgeIndex Create(string indexName) => AzureSearchKnowledgeIndex.Create(
        new AzureAISearchOptions { Endpoint = Service.Endpoint, IndexName = indexName, ApiKey = FakeAzureSearchService.ApiKey },
        Corpus.Synonyms,
        KnowledgeEmbeddings.Local(),
        FakeAzureSearchService.ClientOptions());

    private List<JsonObject> Uploads() => Service.Requests
        .Where(r => r.Path.EndsWith("search.index", StringComparison.Ordinal))
        .SelectMany(r => r.Body!["value"]!.AsArray().Select(a => a!.AsObject()))
        .Where(a => a["@search.action"]!.GetValue<string>() != "delete")
        .ToList();
}
