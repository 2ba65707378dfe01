using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Suggestions;

public sealed class SuggestionTests : IAsyncDisposable
{
    private readonly Mock<IMessenger> _messenger = new();
    private readonly TestBot _bot;

    public SuggestionTests()
    {
        _bot = NewBot(Directory.CreateTempSubdirectory("foc-suggestions-").FullName);
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Suggest_answers_a_card_with_building_blocks_and_bodies_from_the_document()
    {
        var card = (await _bot.SendTextAsync("suggest")).Card();

        var text = card.AllText();
        Assert.Contains("Globally networked Customs", text, StringComparison.Ordinal);
        Assert.Contains("IMSC", text, StringComparison.Ordinal);
        Assert.Contains("suggestions.submit", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_card_shows_errors_next_to_the_fields_keeps_the_typed_values_and_stores_nothing()
    {
        var cardId = await OpenCardAsync();

        var replies = await _bot.ExecuteAsync("suggestions.submit", Data(cardId, title: "", why: new string('x', 2001)));

        var card = replies.InvokeCard();
        var text = card.AllText();
        Assert.Contains("This field is required.", text, StringComparison.Ordinal);
        Assert.Contains("At most 2000 characters, you typed 2001.", text, StringComparison.Ordinal);
        Assert.Equal(new string('x', 2001), Input(card, "why")?["value"]?.GetValue<string>());
        Assert.Empty(await Repository.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Valid_card_is_stored_with_a_number_and_becomes_a_confirmation()
    {
        var cardId = await OpenCardAsync();

        var card = (await _bot.ExecuteAsync("suggestions.submit", Data(cardId))).InvokeCard();

        Assert.Contains("stored as \\#1", card.AllText(), StringComparison.Ordinal);
        var stored = Assert.Single(await Repository.ListAsync(CancellationToken.None));
        Assert.Equal(TestBot.MemberAadId, stored.Author.AadObjectId);
        Assert.Equal("Mia Member", stored.Author.Name);
        Assert.Equal("Customs of Ruritania", stored.Fields.Administration);
        Assert.Equal(_bot.Time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(32, stored.Id.Length);
    }

    [Fact]
    public async Task Administration_is_remembered_for_the_next_card()
    {
        await SubmitAsync(Data(await OpenCardAsync()));

        var card = (await _bot.SendTextAsync("suggest")).Card();

        Assert.Equal("Customs of Ruritania", Input(card, "administration")?["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_second_submit_of_the_same_card_is_refused_and_stores_nothing()
    {
        var cardId = await OpenCardAsync();
        await SubmitAsync(Data(cardId));

        var replies = await _bot.ExecuteAsync("suggestions.submit", Data(cardId, title: "Another title"));

        Assert.Contains("already submitted", RefusalText(replies), StringComparison.Ordinal);
        Assert.Single(await Repository.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_forged_verb_or_card_id_is_refused()
    {
        var forgedVerb = await _bot.ExecuteAsync("suggestions.delete", Data(await OpenCardAsync()));
        var forgedCard = await _bot.ExecuteAsync("suggestions.submit", Data("not-a-card-id"));

        Assert.False(string.IsNullOrEmpty(RefusalText(forgedVerb)));
        Assert.Contains("not valid", RefusalText(forgedCard), StringComparison.Ordinal);
        Assert.Empty(await Repository.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_forged_choice_is_an_error_not_a_stored_value()
    {
        var replies = await _bot.ExecuteAsync("suggestions.submit", Data(await OpenCardAsync(), kind: "3", bodies: "PTC,NOTABODY"));

        Assert.Contains("Choose from the list.", replies.InvokeCard().AllText(), StringComparison.Ordinal);
        Assert.Empty(await Repository.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Someone_elses_suggestion_cannot_be_edited_or_withdrawn()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync()));

        var withdraw = await _bot.ExecuteAsync("suggestions.withdraw", new JsonObject { ["id"] = suggestion.Id }, TestBot.OtherMemberAadId);
        var edit = await _bot.ExecuteAsync("suggestions.edit", new JsonObject { ["id"] = suggestion.Id }, TestBot.OtherMemberAadId);

        Assert.Contains("Only the author", RefusalText(withdraw), StringComparison.Ordinal);
        Assert.Contains("Only the author", RefusalText(edit), StringComparison.Ordinal);
        Assert.Equal(SuggestionStatus.Pending, (await Repository.GetAsync(suggestion.Id, CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public async Task The_author_can_edit_and_withdraw_while_pending()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync()));
        var editCard = (await _bot.ExecuteAsync("suggestions.edit", new JsonObject { ["id"] = suggestion.Id })).InvokeCard();
        var editCardId = editCard.ToJsonString().Split("\"cardId\":\"")[1][..32];

        await _bot.ExecuteAsync("suggestions.submit", Data(editCardId, title: "Drones at land borders, revised", editId: suggestion.Id));
        var withdrawn = await _bot.ExecuteAsync("suggestions.withdraw", new JsonObject { ["id"] = suggestion.Id });
        var again = await _bot.ExecuteAsync("suggestions.withdraw", new JsonObject { ["id"] = suggestion.Id });

        var stored = (await Repository.GetAsync(suggestion.Id, CancellationToken.None))!.Value;
        Assert.Equal("Drones at land borders, revised", stored.Fields.Title);
        Assert.Equal(1, stored.Number);
        Assert.Equal(SuggestionStatus.Withdrawn, stored.Status);
        Assert.Contains("withdrawn", withdrawn.InvokeCard().AllText(), StringComparison.Ordinal);
        Assert.Contains("can no longer be changed", RefusalText(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_by_a_non_moderator_is_refused()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync()));

        var replies = await _bot.ExecuteAsync("suggestions.accept", new JsonObject { ["id"] = suggestion.Id });

        Assert.False(string.IsNullOrEmpty(RefusalText(replies)));
        Assert.Equal(SuggestionStatus.Pending, (await Repository.GetAsync(suggestion.Id, CancellationToken.None))!.Value.Status);
        _messenger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Declining_needs_a_reason()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync()));

        var replies = await _bot.ExecuteAsync("suggestions.decline", new JsonObject { ["id"] = suggestion.Id, ["reason"] = "  " }, TestBot.ModeratorAadId);

        Assert.Contains("reason is required", RefusalText(replies), StringComparison.Ordinal);
        Assert.Equal(SuggestionStatus.Pending, (await Repository.GetAsync(suggestion.Id, CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public async Task Decline_with_a_reason_tells_the_author_and_updates_the_posted_card()
    {
        var cardId = await OpenCardAsync();
        await _bot.ExecuteAsync("suggestions.submit", Data(cardId), kind: ConversationKind.Channel, cardActivityId: "card-message-1");
        var suggestion = Assert.Single(await Repository.ListAsync(CancellationToken.None));

        await _bot.ExecuteAsync("suggestions.decline", new JsonObject { ["id"] = suggestion.Id, ["reason"] = "Covered by the **SAFE** WG" }, TestBot.ModeratorAadId);

        _messenger.Verify(m => m.SendToUserAsync(It.Is<UserRef>(u => u.AadObjectId == TestBot.MemberAadId), TestBot.TenantId, It.Is<OutgoingMessage>(o => o.Text!.Contains("declined", StringComparison.Ordinal) && o.Text.Contains("\\*\\*SAFE\\*\\*", StringComparison.Ordinal)), It.IsAny<CancellationToken>()));
        _messenger.Verify(m => m.UpdateAsync(suggestion.ConversationId, "card-message-1", It.Is<OutgoingMessage>(o => o.Card!.ToJsonString().Contains("declined", StringComparison.Ordinal)), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Merge_records_the_existing_topic_and_refuses_a_forged_one()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync()));
        var target = Get<SuggestionCatalogue>().AnnexTopics.First(t => t.Title == "Big data");

        var forged = await _bot.ExecuteAsync("suggestions.merge", new JsonObject { ["id"] = suggestion.Id, ["target"] = "annex2-z-nothing" }, TestBot.ModeratorAadId);
        await _bot.ExecuteAsync("suggestions.merge", new JsonObject { ["id"] = suggestion.Id, ["target"] = target.Id }, TestBot.ModeratorAadId);

        Assert.Contains("existing topic", RefusalText(forged), StringComparison.Ordinal);
        var stored = (await Repository.GetAsync(suggestion.Id, CancellationToken.None))!.Value;
        Assert.Equal(SuggestionStatus.Merged, stored.Status);
        Assert.Equal(target.Id, stored.MergedIntoId);
    }

    [Fact]
    public async Task A_suggestion_close_to_an_Annex_II_topic_is_flagged_and_can_be_submitted_anyway()
    {
        var cardId = await OpenCardAsync();

        var flagged = (await _bot.ExecuteAsync("suggestions.submit", Data(cardId, title: "Big data for customs risk management", similar: true))).InvokeCard();
        var anyway = await _bot.ExecuteAsync("suggestions.submit", Data(cardId, title: "Big data for customs risk management", similar: true, confirmed: true));

        Assert.Contains("Annex II: Big data", flagged.AllText(), StringComparison.Ordinal);
        Assert.Contains("Submit anyway", flagged.AllText(), StringComparison.Ordinal);
        Assert.Contains("stored as \\#1", anyway.InvokeCard().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrelated_suggestion_is_not_flagged()
    {
        var card = (await _bot.ExecuteAsync("suggestions.submit", Data(await OpenCardAsync(), similar: true))).InvokeCard();

        Assert.DoesNotContain("Submit anyway", card.AllText(), StringComparison.Ordinal);
        Assert.Single(await Repository.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_suggestion_close_to_an_earlier_pending_one_is_flagged()
    {
        await SubmitAsync(Data(await OpenCardAsync(), title: "Drones at land borders"));

        var card = (await _bot.ExecuteAsync("suggestions.submit", Data(await OpenCardAsync(), title: "Drone use at land borders", similar: true), TestBot.OtherMemberAadId)).InvokeCard();

        Assert.Contains("Suggestion \\#1: Drones at land borders", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_adds_the_topic_to_the_catalogue_and_the_index_and_tells_the_author()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync(), title: "Quantum-safe cryptography for customs data exchange"));

        await _bot.ExecuteAsync("suggestions.accept", new JsonObject { ["id"] = suggestion.Id }, TestBot.ModeratorAadId);

        var topic = Assert.Single(await _bot.Services.GetServices<ICatalogueTopicSource>().Single(s => s is SuggestionIndex).ListAsync(CancellationToken.None));
        Assert.Equal("Quantum-safe cryptography for customs data exchange", topic.Title);
        Assert.Equal("suggested by the group", topic.Origin);
        var search = await Get<KnowledgeBase>().SearchAsync("quantum cryptography", 5, CancellationToken.None);
        Assert.Equal("Suggestions > #1 Quantum-safe cryptography for customs data exchange", search.Hits[0].Passage.CitationPath);
        _messenger.Verify(m => m.SendToUserAsync(It.Is<UserRef>(u => u.AadObjectId == TestBot.MemberAadId), TestBot.TenantId, It.Is<OutgoingMessage>(o => o.Text!.Contains("accepted", StringComparison.Ordinal)), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Suggestions_survive_a_restart()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync(), title: "Quantum-safe cryptography for customs data exchange"));
        await _bot.ExecuteAsync("suggestions.accept", new JsonObject { ["id"] = suggestion.Id }, TestBot.ModeratorAadId);
        await _bot.DisposeAsync();

        await using var restarted = NewBot(_bot.DataDirectory);

        var list = (await restarted.SendTextAsync("suggestions")).Card().AllText();
        Assert.Contains("#1 Quantum-safe cryptography for customs data exchange", list, StringComparison.Ordinal);
        var search = await restarted.Get<KnowledgeBase>().SearchAsync("quantum cryptography", 5, CancellationToken.None);
        Assert.Equal("suggestion-" + suggestion.Id, search.Hits[0].Passage.Id);
        Assert.Equal(2, (await restarted.Get<SuggestionRepository>().CreateAsync(SuggestCommand.NewCardId(), n => suggestion with { Id = SuggestCommand.NewCardId(), Number = n }, CancellationToken.None))!.Number);
    }

    [Fact]
    public async Task Parallel_submits_never_share_a_number()
    {
        var template = await SubmitAsync(Data(await OpenCardAsync()));

        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() =>
            Repository.CreateAsync(SuggestCommand.NewCardId(), n => template with { Id = SuggestCommand.NewCardId(), Number = n }, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(2, 24), created.Select(s => s!.Number).Order());
    }

    [Fact]
    public async Task The_list_is_newest_first_paged_and_filtered()
    {
        for (var i = 1; i <= 7; i++)
        {
            await SubmitAsync(Data(await OpenCardAsync(), title: $"Topic number {i} about drones"));
        }

        var first = (await _bot.SendTextAsync("suggestions")).Card().AllText();
        var second = (await _bot.ExecuteAsync("suggestions.list", new JsonObject { ["page"] = "2" })).InvokeCard().AllText();
        var filtered = (await _bot.ExecuteAsync("suggestions.list", new JsonObject { ["page"] = "1", ["status"] = "Accepted" })).InvokeCard().AllText();

        Assert.True(first.IndexOf("#7 ", StringComparison.Ordinal) < first.IndexOf("#6 ", StringComparison.Ordinal));
        Assert.DoesNotContain("#2 ", first, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2, 7 suggestions", second, StringComparison.Ordinal);
        Assert.Contains("#1 ", second, StringComparison.Ordinal);
        Assert.Contains("No suggestion matches.", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_links_and_mentions_typed_by_users_are_shown_as_text()
    {
        var suggestion = await SubmitAsync(Data(await OpenCardAsync(), title: "**Bold** [link](http://x.example) <at>Mia</at>"));

        var view = (await _bot.ExecuteAsync("suggestions.open", new JsonObject { ["id"] = suggestion.Id })).InvokeCard().AllText();
        var csv = System.Text.Encoding.UTF8.GetString(FutureOfCustoms.Bot.Exports.TableExport.ToCsv(SuggestionExportCommand.ToTable([suggestion])));

        Assert.Contains("\\*\\*Bold\\*\\* \\[link\\]\\(http://x.example\\) \\<at\\>Mia\\</at\\>", view, StringComparison.Ordinal);
        Assert.Contains("**Bold** [link](http://x.example) <at>Mia</at>", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_is_for_moderators_and_gives_csv_and_xlsx_links()
    {
        await SubmitAsync(Data(await OpenCardAsync()));

        var member = await _bot.SendTextAsync("export suggestions");
        var moderator = (await _bot.SendTextAsync("export suggestions", TestBot.ModeratorAadId)).Card();

        Assert.DoesNotContain(member.Messages(), m => m.Attachments?.Count > 0);
        var urls = moderator["actions"]!.AsArray().Select(a => a!["url"]!.GetValue<string>()).ToList();
        Assert.Equal(2, urls.Count);
        Assert.All(urls, u => Assert.Contains("/downloads/", u, StringComparison.Ordinal));
    }

    private SuggestionRepository Repository => Get<SuggestionRepository>();

    private T Get<T>()
        where T : notnull => _bot.Get<T>();

    private TestBot NewBot(string dataDirectory) => new(
        services => services.AddSingleton(_messenger.Object),
        new Dictionary<string, string?> { ["Search:Embedded:IndexPath"] = Path.Combine(dataDirectory, "index") },
        dataDirectory);

    private async Task<string> OpenCardAsync()
    {
        var card = (await _bot.SendTextAsync("suggest")).Card();
        return card.ToJsonString().Split("\"cardId\":\"")[1][..32];
    }

    private async Task<Suggestion> SubmitAsync(JsonObject data)
    {
        var before = (await Repository.ListAsync(CancellationToken.None)).Count;
        data["confirmed"] = "true";
        await _bot.ExecuteAsync("suggestions.submit", data);
        var all = await Repository.ListAsync(CancellationToken.None);
        Assert.Equal(before + 1, all.Count);
        return all[0];
    }

    internal static JsonObject Data(string cardId, string title = "Drones at land borders", string? why = null, string kind = "NewResearchArea", string bodies = "PTC,SAFE", bool similar = false, bool confirmed = false, string editId = "")
    {
        var data = new JsonObject
        {
            ["cardId"] = cardId,
            ["editId"] = editId,
            ["title"] = title,
            ["why"] = why ?? "Unmanned aircraft cross borders without declarations.",
            ["kind"] = kind,
            ["blocks"] = "a,c",
            ["bodies"] = bodies,
            ["administration"] = "Customs of Ruritania",
            ["volunteer"] = "true",
        };
        if (!similar || confirmed)
        {
            data["confirmed"] = "true";
        }

        return data;
    }

    private static JsonObject? Input(JsonObject card, string id)
        => card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(e => e["id"]?.GetValue<string>() == id);

    private static string RefusalText(IReadOnlyList<Activity> replies)
        => replies.InvokeResponse().Value?.ToString() ?? string.Empty;
}
