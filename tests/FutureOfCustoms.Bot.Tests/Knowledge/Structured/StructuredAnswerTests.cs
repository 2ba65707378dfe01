using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Structured;

public sealed class StructuredAnswerTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Papers_by_an_author_are_stated_in_the_reply_text_with_their_citation()
    {
        var replies = await _bot.SendTextAsync("Which papers did China submit?");

        var message = replies.Messages().Single();
        Assert.Equal("China submitted 3 papers: 3D printing, Border Models and E-commerce. [1]", message.Text);
        var citation = Assert.Single(message.Entities, e => e.Type == "https://schema.org/Message");
        Assert.Contains("Paragraph 11", citation.Properties.ToString(), StringComparison.Ordinal);
        Assert.Contains("knowledge.papers", replies.Card().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_member_gets_the_answer_in_french_with_french_plurals()
    {
        var replies = await _bot.SendTextAsync("Quelles universités font partie du groupe ?", locale: "fr-FR");

        Assert.StartsWith("2 universités font partie du groupe : Eindhoven Technical University (ETU) et University of Münster.", replies.Messages().Single().Text, StringComparison.Ordinal);
        Assert.Contains("Cité du document original", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_question_naming_a_topic_in_french_gets_its_bodies()
    {
        var replies = await _bot.SendTextAsync("Quel organe de l'OMD traite de la qualité des données ?", locale: "fr-FR");

        Assert.StartsWith("Data quality : 3 organes de l'OMD s'en occupent : PTC, SAFE et IMSC.", replies.Messages().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_longer_than_the_card_shows_names_the_rest_and_opens_it_in_place()
    {
        var replies = await _bot.SendTextAsync("Which administrations are members of the group?");

        var card = replies.Card();
        Assert.Contains("and 9 more", card.AllText(), StringComparison.Ordinal);
        Assert.Contains("\"restOfList\"", card.ToJsonString(), StringComparison.Ordinal);
        Assert.True(replies.Messages().Single().Text!.Length <= 400 + 4);
    }

    [Fact]
    public async Task A_building_block_by_number_opens_the_block()
    {
        var replies = await _bot.SendTextAsync("What does building block 4 cover?");

        Assert.StartsWith("Building block 4 is (d) Customs-Trade partnership.", replies.Messages().Single().Text, StringComparison.Ordinal);
        Assert.Contains("\"knowledge.block\"", replies.Card().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_about_content_still_gets_a_passage()
    {
        var replies = await _bot.SendTextAsync("What does China's paper on e-commerce say?");

        Assert.DoesNotContain("knowledge.papers", replies.Card().ToJsonString(), StringComparison.Ordinal);
    }
}
