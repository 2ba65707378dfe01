using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Tests.Graph;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Commands;

public sealed class HelpTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task A_members_help_is_grouped_by_feature_with_no_moderator_section()
    {
        var card = (await _bot.SendTextAsync("help")).Card();

        Assert.Equal(
            ["Questions on the documents", "Topic suggestions", "Polls", "This assistant"],
            Headings(card["body"]!));
        Assert.DoesNotContain("For moderators", card.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(card.AllFacts(), f => f.Title is "status" or "digest" or "poll" or "export suggestions");
    }

    [Fact]
    public async Task A_moderators_help_adds_their_commands_in_their_own_section_grouped_the_same_way()
    {
        var card = (await _bot.SendTextAsync("help", TestBot.ModeratorAadId)).Card();

        var section = card["body"]!.AsArray().Last()!;
        Assert.Equal("For moderators", section["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["Topic suggestions", "Polls", "Annex III discussion", "Weekly digest", "This assistant"], Headings(section["items"]!));
        Assert.Contains(section.AllFacts(), f => f.Title == "responses \\[name\\]");
        Assert.Contains(section.AllFacts(), f => f.Title == "digest post");
        Assert.DoesNotContain(Members(card).AllFacts(), f => f.Title == "digest post");
    }

    [Fact]
    public async Task Without_graph_the_index_command_is_not_offered_even_to_a_moderator()
    {
        var card = (await _bot.SendTextAsync("help", TestBot.ModeratorAadId)).Card();

        Assert.DoesNotContain(card.AllFacts(), f => f.Title.StartsWith("index", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_graph_the_index_command_is_offered_to_moderators_among_the_questions()
    {
        await using var graph = FakeGraph.Start();
        await using var bot = new TestBot(FakeGraph.UseStubCredential, graph.Settings);

        var card = (await bot.SendTextAsync("help", TestBot.ModeratorAadId)).Card();

        var questions = card["body"]!.AsArray().Last()!["items"]!.AsArray()
            .Single(g => g?["items"]?[0]?["text"]?.GetValue<string>() == "Questions on the documents")!;
        Assert.Contains(questions.AllFacts(), f => f.Title == "index \\<link\\>");
    }

    [Fact]
    public void Every_command_in_help_belongs_to_the_feature_whose_folder_handles_it()
    {
        var catalog = _bot.Get<CommandCatalog>();

        HelpGroup Of(string text) => HelpCommand.GroupOf(catalog.All.Single(d => d.Text == text));

        Assert.Equal(HelpGroup.Questions, Of("blocks"));
        Assert.Equal(HelpGroup.Suggestions, Of("suggest"));
        Assert.Equal(HelpGroup.Polls, Of("polls"));
        Assert.Equal(HelpGroup.Discussion, Of("responses"));
        Assert.Equal(HelpGroup.Digest, Of("digest"));
        Assert.Equal(HelpGroup.General, Of("help"));
    }

    [Fact]
    public async Task The_welcome_card_says_what_the_bot_and_C21_are_and_points_to_help_without_listing_commands()
    {
        var card = (await _bot.InstallPersonalAsync()).Card();

        Assert.Contains("C21, Customs in the 21st Century", card.AllText(), StringComparison.Ordinal);
        Assert.Contains("\"help\"", card.AllText(), StringComparison.Ordinal);
        Assert.Empty(card.AllFacts());
        Assert.Equal("help", card["actions"]![0]!["data"]!["verb"]!.GetValue<string>());
    }

    private static JsonArray Members(JsonObject card)
    {
        var body = card["body"]!.AsArray();
        return new JsonArray([.. body.Take(body.Count - 1).Select(n => n!.DeepClone())]);
    }

    // The headings of the feature groups directly under a container.
    private static List<string> Headings(JsonNode items)
        => [.. items.AsArray()
            .Where(n => n?["type"]?.GetValue<string>() == "Container" && n["items"]?[1]?["type"]?.GetValue<string>() == "FactSet")
            .Select(n => n!["items"]![0]!["text"]!.GetValue<string>())];
}
