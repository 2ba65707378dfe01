using System.Text.Json;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;
using FutureOfCustoms.Bot.Knowledge.Structured;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Tests.Knowledge;

public sealed class KnowledgeBaseTests : IDisposable
{
    private readonly LuceneKnowledgeIndex _index = new(new RAMDirectory(), Corpus.Synonyms, KnowledgeEmbeddings.Local());
    private readonly KnowledgeBase _knowledge;

    public KnowledgeBaseTests() =>
        _knowledge = new KnowledgeBase(new KnowledgeCorpus(Options.Create(new KnowledgeOptions())), _index, Options.Create(new SearchOptions()), Corpus.French, Corpus.Sentences);

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task The_answer_is_the_sentence_of_the_passage_that_states_it()
    {
        var result = await _knowledge.AnswerAsync("Who was selected as moderator of the Virtual Working Group?", 3, CancellationToken.None);

        Assert.True(result.HasRelevantAnswer);
        var sentence = Assert.Single(result.AnswerText);
        Assert.Contains("Matome MATHOLE", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("kick-off meeting", sentence, StringComparison.Ordinal);
    }

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
    public async Task Search_json_prints_one_object_with_the_answer_and_each_passage_in_plain_text_with_its_highlights()
    {
        // Arrange
        using var services = CliServices();
        using var output = new StringWriter();

        // Act
        var exitCode = await KnowledgeCli.TryRunAsync(["search", "risk", "management", "compendium", "--top", "2", "--json"], services, output);

        // Assert
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(["answered", "answer", "passages"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("answered").GetBoolean());
        var hits = root.GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal([1, 2], hits.Select(h => h.GetProperty("rank").GetInt32()));
        Assert.All(hits, h => Assert.Equal(["rank", "id", "title", "citation", "text", "highlights", "score"], h.EnumerateObject().Select(p => p.Name)));
        Assert.DoesNotContain("**", hits[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Compendium", hits[0].GetProperty("highlights").EnumerateArray().Select(h => h.GetString()));
        Assert.Contains(hits[0].GetProperty("text").GetString()![..40], root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.True(hits[0].GetProperty("score").GetDouble() >= hits[1].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Search_json_for_a_question_on_the_documents_structure_answers_it_exactly()
    {
        using var services = CliServices();
        using var output = new StringWriter();

        await KnowledgeCli.TryRunAsync(["search", "Which", "papers", "did", "China", "submit?", "--json"], services, output);

        using var json = JsonDocument.Parse(output.ToString());
        Assert.True(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal("China submitted 3 papers: 3D printing, Border Models and E-commerce. [1]", json.RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Search_json_for_an_off_topic_question_says_nothing_answers_it_and_names_the_closest_topics()
    {
        // Arrange
        using var services = CliServices();
        using var output = new StringWriter();

        // Act
        await KnowledgeCli.TryRunAsync(["search", "What", "is", "the", "recipe", "for", "lasagne?", "--json"], services, output);

        // Assert
        using var json = JsonDocument.Parse(output.ToString());
        Assert.False(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.StartsWith("I found nothing in the group's documents", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("suggest", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_question_finds_the_passage_of_its_english_twin_and_is_marked_as_asked_in_french()
    {
        // Act
        var english = await _knowledge.SearchAsync("What is the Mercator Programme?", 3, CancellationToken.None);
        var french = await _knowledge.SearchAsync("Qu'est-ce que le programme Mercator ?", 3, CancellationToken.None);

        // Assert
        Assert.True(french.HasRelevantAnswer);
        Assert.True(french.AskedInFrench);
        Assert.False(english.AskedInFrench);
        Assert.Equal(english.Hits[0].Passage.Id, french.Hits[0].Passage.Id);
    }

    [Theory]
    [InlineData("What does the group say about blockchain?")]
    [InlineData("Que dit le groupe sur la chaîne de blocs ?")]
    [InlineData("Explain the rules of cricket")]
    public async Task A_question_the_documents_are_silent_on_is_declined(string question)
    {
        // Act
        var result = await _knowledge.SearchAsync(question, 3, CancellationToken.None);

        // Assert
        Assert.False(result.HasRelevantAnswer);
    }

    /// <summary>What the command line resolves: the knowledge base and the structure answers beside it.</summary>
    private ServiceProvider CliServices() => new ServiceCollection()
        .AddSingleton(_knowledge)
        .AddSingleton(new StructuredAnswers(_knowledge, Corpus.French, new StructuredAnswerCards(new CardRenderer(Options.Create(new CardOptions())))))
        .BuildServiceProvider();
}
