using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Knowledge;

/// <summary>The knowledge base through the real host: Teams-shaped activities in, Bot Framework JSON out.</summary>
public sealed class KnowledgeHttpTests : IClassFixture<BotApplicationFactory>
{
    private readonly BotApplicationFactory _factory;

    public KnowledgeHttpTests(BotApplicationFactory factory) => _factory = factory;

    [Fact]
    public async Task A_question_returns_the_answer_card_citing_the_right_section()
    {
        var (response, activities) = await _factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("What does the VWG FC say about e-commerce?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = activities.Single()!;
        var card = reply["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Contains(card["content"]!["body"]!.AsArray(), e => e?["text"]?.GetValue<string>() is { } text && text.Contains("Annex", StringComparison.Ordinal) && text.Contains("E-commerce", StringComparison.Ordinal));
        var citation = reply["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "https://schema.org/Message")!;
        Assert.Equal("Message", citation["@type"]!.GetValue<string>());
        Assert.Contains("E-commerce", citation["citation"]![0]!["appearance"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_shows_the_number_of_indexed_passages_once_the_index_is_built()
    {
        await _factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("What is 3D printing?"));
        using var client = _factory.CreateClient();

        var health = await client.GetFromJsonAsync<JsonObject>(new Uri("/healthz", UriKind.Relative));

        Assert.True(health!["indexedDocuments"]!.GetValue<long>() > 100);
    }

    [Fact]
    public async Task A_message_extension_query_returns_passage_cards_with_previews()
    {
        var body = await QueryAsync("3D printing");

        var result = body["composeExtension"]!;
        Assert.Equal("result", result["type"]!.GetValue<string>());
        Assert.Equal("list", result["attachmentLayout"]!.GetValue<string>());
        var attachments = result["attachments"]!.AsArray();
        Assert.InRange(attachments.Count, 1, 10);
        Assert.All(attachments, a =>
        {
            Assert.Equal("application/vnd.microsoft.card.adaptive", a!["contentType"]!.GetValue<string>());
            Assert.Equal("AdaptiveCard", a["content"]!["type"]!.GetValue<string>());
            Assert.Equal("application/vnd.microsoft.card.thumbnail", a["preview"]!["contentType"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(a["preview"]!["content"]!["title"]!.GetValue<string>()));
        });
        Assert.Contains(attachments, a => a!["content"]!.ToJsonString().Contains("3D print", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_message_extension_query_returns_the_10_building_blocks()
    {
        var body = await QueryAsync(null);

        var titles = body["composeExtension"]!["attachments"]!.AsArray().Select(a => a!["preview"]!["content"]!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(Corpus.Document.BuildingBlocks.Select(b => $"({b.Letter}) {b.Title}"), titles);
    }

    private async Task<JsonObject> QueryAsync(string? text)
    {
        var activity = BotApplicationFactory.TeamsMessage(string.Empty);
        activity["type"] = "invoke";
        activity["name"] = "composeExtension/query";
        activity.Remove("text");
        var parameters = new JsonArray();
        if (text is not null)
        {
            parameters.Add(new JsonObject { ["name"] = "searchText", ["value"] = text });
        }
        else
        {
            parameters.Add(new JsonObject { ["name"] = "initialRun", ["value"] = "true" });
        }

        activity["value"] = new JsonObject
        {
            ["commandId"] = "searchDocuments",
            ["parameters"] = parameters,
            ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
        };
        using var client = _factory.CreateClient();
        var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
