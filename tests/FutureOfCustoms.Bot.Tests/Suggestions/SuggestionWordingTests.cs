using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Tests.Suggestions;

/// <summary>What a delegate reads on the suggestion cards: bodies by name, short topic titles, times in their own zone.</summary>
public sealed class SuggestionWordingTests : IAsyncDisposable
{
    private readonly TestBot _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task The_form_names_the_WCO_bodies_and_keeps_their_acronyms_as_values()
    {
        var card = (await _bot.SendTextAsync("suggest")).Card();

        var bodies = Choices(card, "bodies");
        Assert.Contains(("TCCV", "Technical Committee on Customs Valuation (TCCV)"), bodies);
        Assert.Contains(("IMSC", "Information Management Sub-Committee (IMSC)"), bodies);
        Assert.All(bodies, b => Assert.NotEqual(b.Value, b.Title));
    }

    [Fact]
    public async Task In_french_the_form_names_the_bodies_in_french()
    {
        var card = (await _bot.SendTextAsync("suggest", locale: "fr-FR")).Card();

        Assert.Contains(("TCCV", "Comité technique de l'évaluation en douane (TCCV)"), Choices(card, "bodies"));
    }

    [Fact]
    public void A_body_with_no_known_name_keeps_its_acronym()
    {
        Assert.Equal("XYZ", SuggestionCatalogue.BodyName("XYZ"));
    }

    [Theory]
    [InlineData("Cooperation with tax administrations, incl. organizational questions", "Cooperation with tax administrations")]
    [InlineData("Climate change (and cross-border spreading of diseases)", "Climate change")]
    [InlineData("Mandate of Customs/definition of a Customs service – will become a standing item", "Mandate of Customs/definition of a Customs…")]
    [InlineData("Mega ports", "Mega ports")]
    [InlineData("Vision of one delegate that one day all Customs around the world would be using common practices", "Vision of one delegate that one day all Customs…")]
    public void A_topic_title_is_cut_at_its_first_qualifier_and_to_a_short_length(string title, string expected)
    {
        var shortTitle = SuggestionCatalogue.ShortTitle(title);

        Assert.Equal(expected, shortTitle);
        Assert.True(shortTitle.Length <= SuggestionCatalogue.ShortTitleLength);
    }

    [Fact]
    public async Task The_merge_picker_offers_the_topics_short_titles()
    {
        var cardId = CardId((await _bot.SendTextAsync("suggest")).Card());
        var view = (await _bot.ExecuteAsync("suggestions.submit", SuggestionTests.Data(cardId))).InvokeCard();
        var id = view.ToJsonString().Split("\"id\":\"")[1][..32];

        var moderatorView = (await _bot.ExecuteAsync("suggestions.open", new JsonObject { ["id"] = id }, TestBot.ModeratorAadId)).InvokeCard();

        var targets = Choices(moderatorView, "target");
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.True(t.Title.Length <= "Annex II: ".Length + SuggestionCatalogue.ShortTitleLength, t.Title));
        Assert.Contains(targets, t => t.Title == "Annex II: Cooperation with tax administrations");
    }

    [Fact]
    public async Task The_suggestion_card_shows_its_time_in_the_members_own_time_zone()
    {
        var cardId = CardId((await _bot.SendTextAsync("suggest")).Card());
        var submit = _bot.NewActivity(ActivityTypes.Invoke, TestBot.MemberAadId, ConversationKind.Personal);
        submit.Name = "adaptiveCard/action";
        submit.LocalTimezone = "Asia/Tokyo";
        submit.Value = JObject.FromObject(new
        {
            action = new { type = "Action.Execute", verb = "suggestions.submit", data = JObject.Parse(SuggestionTests.Data(cardId).ToJsonString()) },
            trigger = "manual",
        });

        var card = (await _bot.RunAsync(submit)).InvokeCard();

        var local = TimeZoneInfo.ConvertTime(_bot.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Contains(card.AllFacts(), f => f.Value == local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " \\(Asia/Tokyo\\)");
    }

    [Fact]
    public async Task Without_a_time_zone_from_teams_the_card_says_its_time_is_utc()
    {
        var cardId = CardId((await _bot.SendTextAsync("suggest")).Card());

        var card = (await _bot.ExecuteAsync("suggestions.submit", SuggestionTests.Data(cardId))).InvokeCard();

        Assert.Contains(card.AllFacts(), f => f.Value == "2026-11-23 08:00 \\(UTC\\)");
    }

    private static string CardId(JsonObject card) => card.ToJsonString().Split("\"cardId\":\"")[1][..32];

    private static List<(string Value, string Title)> Choices(JsonNode card, string id)
    {
        var input = Find(card, id) ?? throw new InvalidOperationException($"No input {id} in the card.");
        return [.. input["choices"]!.AsArray().Select(c => (c!["value"]!.GetValue<string>(), c["title"]!.GetValue<string>()))];
    }

    private static JsonObject? Find(JsonNode? node, string id) => node switch
    {
        JsonObject o when o["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && o["id"]!.GetValue<string>() == id && o["choices"] is not null => o,
        JsonObject o => o.Select(p => Find(p.Value, id)).FirstOrDefault(f => f is not null),
        JsonArray a => a.Select(n => Find(n, id)).FirstOrDefault(f => f is not null),
        _ => null,
    };
}
