using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Tests.Knowledge.Answers;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Catalogue;

public sealed class CatalogueTests : IAsyncDisposable
{
    private readonly TestBot _bot;

    public CatalogueTests()
    {
        var suggestions = new Mock<ICatalogueTopicSource>();
        suggestions.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([new CatalogueTopic("s-1", "Customs and quantum computing", ["PTC"], null, "suggestion")]);
        _bot = new TestBot(services => services.AddSingleton(suggestions.Object));
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Blocks_lists_the_10_building_blocks_with_the_documents_titles_each_opening_its_block()
    {
        var replies = await _bot.SendTextAsync("blocks");

        var card = replies.Card();
        var rows = card["body"]!.AsArray().OfType<JsonObject>().Where(e => e["selectAction"] is not null).ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal(10, Corpus.Document.BuildingBlocks.Count);
        foreach (var (row, block) in rows.Zip(Corpus.Document.BuildingBlocks))
        {
            Assert.Contains(block.Title, row.AllText().Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal("knowledge.block", (string?)row["selectAction"]!["verb"]);
            Assert.Equal(block.Letter.ToString(), (string?)row["selectAction"]!["data"]!["letter"]);
        }
    }

    [Theory]
    [InlineData("block c")]
    [InlineData("BLOCK C")]
    public async Task Block_shows_the_C21_extract_the_progress_and_the_VWG_FC_input(string text)
    {
        var block = Corpus.Document.BuildingBlocks.Single(b => b.Letter == 'c');

        var replies = await _bot.SendTextAsync(text);

        var shown = Unescaped(replies.Card());
        Assert.Contains(block.Title, shown, StringComparison.Ordinal);
        Assert.Contains(block.C21Extract[..40], shown, StringComparison.Ordinal);
        Assert.Contains("Progress so far", shown, StringComparison.Ordinal);
        Assert.All(block.VwgFcInput, topic => Assert.Contains(topic.Title, shown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_block_button_opens_the_block()
    {
        var replies = await _bot.ExecuteAsync("knowledge.block", new JsonObject { ["letter"] = "j" });

        Assert.Contains(Corpus.Document.BuildingBlocks.Single(b => b.Letter == 'j').Title, Unescaped(replies.Card()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_block_letter_is_refused()
    {
        var replies = await _bot.ExecuteAsync("knowledge.block", new JsonObject { ["letter"] = "z" });

        Assert.Contains("no such building block", (string)replies.InvokeResponse().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_with_a_letter_beyond_j_is_a_question()
    {
        var replies = await _bot.SendTextAsync("block k");

        Assert.DoesNotContain("no such building block", replies.Texts(), StringComparison.Ordinal);
        Assert.Equal("block k", Assert.Single(await _bot.Get<Bot.Knowledge.Answers.QuestionLog>().ListAsync(_bot.Time.GetUtcNow().AddDays(-1), _bot.Time.GetUtcNow().AddDays(1), CancellationToken.None)).Text);
    }

    [Fact]
    public async Task Topics_lists_annex_II_by_list_with_bodies_and_the_groups_suggestions()
    {
        var replies = await _bot.SendTextAsync("topics");

        var shown = Unescaped(replies.Card());
        Assert.NotEmpty(Corpus.Document.AnnexIITopics);
        Assert.All(Corpus.Document.AnnexIITopics, topic =>
        {
            Assert.Contains(topic.Title, shown, StringComparison.Ordinal);
            Assert.All(topic.Bodies, body => Assert.Contains(body, shown, StringComparison.Ordinal));
        });
        Assert.Contains("Bodies: PTC", shown, StringComparison.Ordinal);
        Assert.Contains("Taken up by China", shown, StringComparison.Ordinal);
        Assert.Contains("Customs and quantum computing", shown, StringComparison.Ordinal);
        Assert.Contains("Suggested by the group", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Papers_lists_the_16_papers_of_paragraph_11_with_their_authors()
    {
        var replies = await _bot.SendTextAsync("papers");

        var facts = AskTests.FindAll(replies.Card(), "FactSet").Single()["facts"]!.AsArray();
        Assert.Equal(16, facts.Count);
        Assert.Equal(16, Corpus.Document.Papers.Count);
        Assert.Contains(facts, f => Unescaped(f!) == "China\n3D printing");
        Assert.Contains(facts, f => Unescaped(f!) == "UN OCHA\nNatural disaster relief");
    }

    [Fact]
    public async Task Questions_lists_the_7_discussion_questions_of_annex_III()
    {
        var replies = await _bot.SendTextAsync("questions");

        var shown = Unescaped(replies.Card());
        var questions = Corpus.Document.AnnexIII!.Questions;
        Assert.Equal(7, questions.Count);
        Assert.All(questions, q => Assert.Contains(q.Text, shown, StringComparison.Ordinal));
        Assert.Contains("Question 7", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_section_button_shows_every_passage_of_a_long_section()
    {
        var siblings = Corpus.Passages.GroupBy(p => p.CitationPath).First(g => g.Count() > 1).ToList();
        var chunked = siblings[1];

        var replies = await _bot.ExecuteAsync("knowledge.section", new JsonObject { ["passageId"] = chunked.Id });

        var shown = Unescaped(replies.Card());
        Assert.True(siblings.Count > 1);
        Assert.All(siblings, p => Assert.Contains(p.Text[..60], shown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_section_is_refused()
    {
        var replies = await _bot.ExecuteAsync("knowledge.section", new JsonObject { ["passageId"] = "no-such-passage" });

        Assert.Contains("no longer in the knowledge base", (string)replies.InvokeResponse().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_commands_answer_in_french_for_a_french_client()
    {
        var replies = await _bot.SendTextAsync("blocks", locale: "fr-FR");

        Assert.Contains("Les 10 piliers", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blocks")]
    [InlineData("topics")]
    [InlineData("papers")]
    [InlineData("questions")]
    [InlineData("block a")]
    [InlineData("block b")]
    [InlineData("block c")]
    [InlineData("block d")]
    [InlineData("block e")]
    [InlineData("block f")]
    [InlineData("block g")]
    [InlineData("block h")]
    [InlineData("block i")]
    [InlineData("block j")]
    public async Task Every_catalogue_card_stays_under_the_teams_message_size_limit(string command)
    {
        var replies = await _bot.SendTextAsync(command);

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(replies.Card().ToJsonString()), 1, 28_000);
    }

    /// <summary>What a reader sees: the renderer backslash-escapes markdown characters of bound text.</summary>
    private static string Unescaped(JsonNode card) => System.Text.RegularExpressions.Regex.Replace(card.AllText(), @"\\(.)", "$1");
}
