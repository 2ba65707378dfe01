using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Commands;

public sealed class FrenchCommandTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Aide_answers_help_in_the_members_language()
    {
        var replies = await _bot.SendTextAsync("aide", locale: "fr-FR");

        Assert.Contains("Ce que je peux faire pour le groupe Avenir de la douane", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aide_is_never_searched_as_a_question()
    {
        var replies = await _bot.SendTextAsync("aide", locale: "fr-FR");

        Assert.DoesNotContain("knowledge.feedback", replies.Card().ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Natural", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggerer_opens_the_same_form_as_suggest()
    {
        var english = await _bot.SendTextAsync("suggest");
        var french = await _bot.SendTextAsync("suggérer");

        Assert.Equal(english.Card()["body"]!.AsArray().Count, french.Card()["body"]!.AsArray().Count);
    }
}
