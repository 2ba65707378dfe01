using System.Text.Json;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Tests.Knowledge;

public sealed class KnowledgeBaseTests : IDisposable
{
    private readonly LuceneKnowledgeIndex _index = new(new RAMDirectory(), Corpus.Synonyms, KnowledgeEmbeddings.Local());
    private readonly KnowledgeBase _knowledge;

    public KnowledgeBaseTests() =>
        _knowledge = new KnowledgeBase(new KnowledgeCorpus(Options.Create(new KnowledgeOptions())), _index, Options.Create(new SearchOptions()), Corpus.French);

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task An_off_topic_question_has_no_relevant_answer()
    {
        // Act
        var result = await _knowledge.SearchAsync("What is the recipe for lasagne?", 3, CancellationToken.None);

        // Assert
        Assert.False(result.HasRelevantAnswer);
    }

    [Fact]
    public async Task An_on_topic_question_has_a_relevant_answer()
    {
        // Act
        var result = await _knowledge.SearchAsync("When did the WCO publish its risk management compendium?", 3, CancellationToken.None);

        // Assert
        Assert.True(result.HasRelevantAnswer);
    }

    [Fact]
    public async Task Closest_topics_are_distinct_titled_topics_near_the_question()
    {
        // Act
        var topics = await _knowledge.ClosestTopicsAsync("printing objects from digital files", 3, CancellationToken.None);

        // Assert
        Assert.InRange(topics.Count, 1, 3);
        Assert.All(topics, t => Assert.Contains(t.Kind, new[] { PassageKind.VwgFcInput, PassageKind.AnnexIITopic, PassageKind.DiscussionPaperSection }));
        Assert.Equal(topics.Count, topics.Select(t => t.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(topics, t => t.Title.Contains("3D printing", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_json_prints_rank_id_title_citation_text_and_score_for_each_hit()
    {
        // Arrange
        using var services = new ServiceCollection().AddSingleton(_knowledge).BuildServiceProvider();
        using var output = new StringWriter();

        // Act
        var exitCode = await KnowledgeCli.TryRunAsync(["search", "risk", "management", "compendium", "--top", "2", "--json"], services, output);

        // Assert
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var hits = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, hits.Count);
        Assert.Equal([1, 2], hits.Select(h => h.GetProperty("rank").GetInt32()));
        Assert.All(hits, h => Assert.Equal(["rank", "id", "title", "citation", "text", "score"], h.EnumerateObject().Select(p => p.Name)));
        Assert.Contains("**", hits[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(hits[0].GetProperty("score").GetDouble() >= hits[1].GetProperty("score").GetDouble());
    }
}
