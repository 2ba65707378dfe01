using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

/// <summary>What the bot relies on from any search provider; each provider runs it through a subclass. The
/// assertions hold for any reasonable relevance ranking, not only for the tuned Lucene one.</summary>
public abstract class KnowledgeIndexContract : IAsyncLifetime
{
    private IKnowledgeIndex? _index;

    private IKnowledgeIndex Index => _index ?? throw new InvalidOperationException("The index is created in InitializeAsync.");

    private protected abstract Task<IKnowledgeIndex> CreateIndexAsync();

    public async Task InitializeAsync()
    {
        _index = await CreateIndexAsync();
        await _index.SynchronizeCorpusAsync(Corpus.Passages, CancellationToken.None);
    }

    public virtual Task DisposeAsync()
    {
        (_index as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_clear_query_finds_the_building_block_passage_that_answers_it()
    {
        // Act
        var hits = await Index.SearchAsync("maritime module of the Cargo Targeting System", 3, null, CancellationToken.None);

        // Assert
        Assert.Contains(hits, h => h.Passage.Id == "bb-f-progress-2" && h.Passage.BuildingBlock == 'f');
    }

    [Fact]
    public async Task A_question_sharing_no_word_with_a_passage_finds_it_by_meaning_through_its_vector()
    {
        // Arrange
        var passage = new Passage("file-fauna-1", "Fauna", "fauna > Fauna", "Koalas and kangaroos are inspected by wildlife officers at the border.", PassageKind.ImportedDocument, Source: "file:fauna.txt");
        await Index.UpsertAsync([passage], CancellationToken.None);

        // Act
        var hits = await Index.SearchAsync("Australian marsupials", 3, null, CancellationToken.None);

        // Assert
        var hit = hits[0];
        Assert.Equal("file-fauna-1", hit.Passage.Id);
        Assert.Equal(0, hit.Evidence.KeywordRank);
        Assert.Equal(1, hit.Evidence.VectorRank);
        Assert.InRange(hit.Evidence.Cosine, 0.3, 1);
    }

    [Fact]
    public async Task Both_sides_rank_the_passage_that_answers_a_clear_question_first_and_say_so_in_the_evidence()
    {
        // Act
        var hits = await Index.SearchAsync("What is the WCO Mercator Programme?", 3, null, CancellationToken.None);

        // Assert
        Assert.Equal("bb-i-progress-5", hits[0].Passage.Id);
        Assert.InRange(hits[0].Evidence.KeywordRank, 1, 3);
        Assert.Equal(1, hits[0].Evidence.VectorRank);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Passage.Id), hits.Select(h => h.Passage.Id));
    }

    [Fact]
    public async Task Results_are_ranked_by_score_and_carry_citation_paths_and_highlights()
    {
        // Act
        var hits = await Index.SearchAsync("risk management compendium", 5, null, CancellationToken.None);

        // Assert
        Assert.InRange(hits.Count, 2, 5);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Passage.Id), hits.Select(h => h.Passage.Id));
        Assert.All(hits, h => Assert.StartsWith("Annex I", h.Passage.CitationPath, StringComparison.Ordinal));
        Assert.Contains("compendium", hits[0].Mark("[", "]").ToLowerInvariant().Split('[', ']'));
    }

    [Fact]
    public async Task A_kind_filter_returns_only_passages_of_those_kinds()
    {
        var hits = await Index.SearchAsync("big data analytics for risk management", 5, [PassageKind.AnnexIITopic], CancellationToken.None);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(PassageKind.AnnexIITopic, h.Passage.Kind));
    }

    [Fact]
    public async Task An_upserted_passage_is_then_found()
    {
        // Arrange
        var passage = new Passage("file-notes-1", "Notes", "notes > Notes", "The quokka protocol covers transit seals.", PassageKind.ImportedDocument, Source: "file:notes.txt");

        // Act
        await Index.UpsertAsync([passage], CancellationToken.None);
        var hits = await Index.SearchAsync("quokka protocol", 3, null, CancellationToken.None);

        // Assert
        Assert.NotEmpty(hits);
        Assert.Equal("file-notes-1", hits[0].Passage.Id);
    }

    [Fact]
    public async Task Upserting_the_same_id_replaces_the_passage_instead_of_adding_one()
    {
        // Arrange
        var first = new Passage("file-memo-1", "Memo", "memo > Memo", "The wombat procedure applies to bonded warehouses.", PassageKind.ImportedDocument, Source: "file:memo.txt");
        await Index.UpsertAsync([first], CancellationToken.None);
        var count = await Index.CountAsync(CancellationToken.None);

        // Act
        await Index.UpsertAsync([first with { Text = "The platypus procedure applies to bonded warehouses." }], CancellationToken.None);

        // Assert
        // The vector side always names its nearest passages: what matters is that no stored text says "wombat" any more.
        Assert.Equal(count, await Index.CountAsync(CancellationToken.None));
        Assert.DoesNotContain(await Index.SearchAsync("wombat", 3, null, CancellationToken.None), h => h.Evidence.KeywordRank > 0 || h.Passage.Text.Contains("wombat", StringComparison.Ordinal));
        var platypus = (await Index.SearchAsync("platypus", 3, null, CancellationToken.None))[0];
        Assert.Equal("file-memo-1", platypus.Passage.Id);
        Assert.Equal(1, platypus.Evidence.KeywordRank);
    }

    [Fact]
    public async Task A_passage_found_before_it_was_replaced_is_then_shown_and_highlighted_from_its_new_text()
    {
        // Arrange
        var first = new Passage("file-circular-1", "Circular", "circular > Circular", "Echidna seals are checked at bonded warehouses.", PassageKind.ImportedDocument, Source: "file:circular.txt");
        await Index.UpsertAsync([first], CancellationToken.None);
        Assert.Equal(first.Text, (await Index.SearchAsync("echidna seals", 3, null, CancellationToken.None))[0].Passage.Text);

        // Act
        await Index.UpsertAsync([first with { Text = "From 2027 all echidna seals go to the inland depot." }], CancellationToken.None);
        var hit = (await Index.SearchAsync("echidna seals", 3, null, CancellationToken.None))[0];

        // Assert
        Assert.Equal("From 2027 all **echidna** **seals** go to the inland depot.", hit.Mark("**", "**"));
    }

    [Fact]
    public async Task Count_is_the_number_of_corpus_passages()
    {
        // Act
        var count = await Index.CountAsync(CancellationToken.None);

        // Assert
        Assert.Equal(Corpus.Passages.Count, count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    public async Task An_empty_query_returns_nothing(string query)
    {
        // Act
        var hits = await Index.SearchAsync(query, 5, null, CancellationToken.None);

        // Assert
        Assert.Empty(hits);
    }

    [Theory]
    [InlineData("AND OR \"(")]
    [InlineData("*:* ~ ^2 [ } \\ /")]
    public async Task A_query_of_search_syntax_does_not_throw(string query)
    {
        // Act
        var exception = await Record.ExceptionAsync(() => Index.SearchAsync(query, 5, null, CancellationToken.None));

        // Assert
        Assert.Null(exception);
    }
}
