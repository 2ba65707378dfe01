using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Graph;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Graph;

/// <summary>Without Graph settings each feature falls back, and says so.</summary>
public sealed class GraphFallbackTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Indexing_a_link_without_graph_explains_how_to_index_with_the_command_line()
    {
        var replies = await _bot.SendTextAsync("index https://contoso.sharepoint.com/:w:/s/vwg-fc/paper", TestBot.ModeratorAadId, ConversationKind.Channel);

        Assert.Equal(GraphStrings.Index_NeedsGraph, replies.Texts());
        Assert.Contains("FutureOfCustoms.Bot index", GraphStrings.Index_NeedsGraph, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_followed_by_words_is_a_question_not_the_command()
    {
        var replies = await _bot.SendTextAsync("index of building blocks", TestBot.ModeratorAadId);

        Assert.DoesNotContain(GraphStrings.Index_NeedsGraph, replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_graph_only_configured_moderators_moderate()
    {
        var member = await _bot.SendTextAsync("poll", TestBot.MemberAadId, ConversationKind.Channel);
        var moderator = await _bot.SendTextAsync("poll", TestBot.ModeratorAadId, ConversationKind.Channel);

        Assert.Equal(CommandStrings.ModeratorOnly, member.Texts());
        Assert.DoesNotContain(CommandStrings.ModeratorOnly, moderator.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_graph_the_suggestion_card_asks_the_administration()
    {
        var card = (await _bot.SendTextAsync("suggest")).Card();

        var input = card["body"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["id"] == "administration");
        Assert.Equal(string.Empty, (string?)input["value"]);
    }

    [Fact]
    public async Task Healthz_says_which_graph_features_fall_back()
    {
        // Arrange
        using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        var health = await client.GetFromJsonAsync<JsonObject>(new Uri("/healthz", UriKind.Relative));

        // Assert
        var graph = health!["graph"]!;
        Assert.False(graph["enabled"]!.GetValue<bool>());
        Assert.Equal("configured only (fallback)", graph["moderators"]!.GetValue<string>());
        Assert.Equal("asked from the member (fallback)", graph["administration"]!.GetValue<string>());
        Assert.Equal("command line only (fallback)", graph["indexSharedFiles"]!.GetValue<string>());
    }
}
