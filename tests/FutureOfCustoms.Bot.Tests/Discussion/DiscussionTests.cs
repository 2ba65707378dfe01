using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Members;
using FutureOfCustoms.Bot.Tests.Support;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Discussion;

public sealed class DiscussionTests
{
    private const string Moderator = TestBot.ModeratorAadId;
    private const string Member = TestBot.MemberAadId;
    private const string Other = TestBot.OtherMemberAadId;
    private const string Third = DiscussionBot.ThirdMemberAadId;

    [Fact]
    public async Task Discuss_posts_the_Annex_III_card_with_the_papers_seven_questions_in_the_channel()
    {
        await using var d = new DiscussionBot();

        var replies = await d.DiscussAsync();

        var card = Assert.Single(d.Posted);
        var text = card.AllText();
        Assert.Contains(d.Paper.Title, text, StringComparison.Ordinal);
        Assert.Contains("SHAO Weijian", text, StringComparison.Ordinal);
        Assert.Equal(7, d.Paper.Questions.Count);
        Assert.All(d.Paper.Questions, q => Assert.Contains(CardText.Escape(q.Text), text, StringComparison.Ordinal));
        Assert.Equal(7, Verbs(card).Count(v => v == "discussion.answer"));
        Assert.Contains("discussion.paper", Verbs(card));
        Assert.Contains("posted", replies.Texts(), StringComparison.Ordinal);
        d.Messenger.Verify(m => m.SendAsync(It.Is<string>(id => id.StartsWith(TestBot.ChannelConversationId, StringComparison.Ordinal)), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_member_cannot_post_a_discussion()
    {
        await using var d = new DiscussionBot();

        var replies = await d.Bot.SendTextAsync("discuss", Member, ConversationKind.Channel);

        Assert.Empty(d.Posted);
        Assert.Contains("moderators", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_updates_the_counts_on_the_posted_card()
    {
        await using var d = new DiscussionBot();
        await d.DiscussAsync();

        await d.AnswerAsync(1, "Industry 4.0 relies on additive manufacturing.");
        await d.AnswerAsync(1, "3D printing is one of its pillars.", Other, administration: "Netherlands Customs");

        d.Messenger.Verify(m => m.UpdateAsync(It.IsAny<string>(), DiscussionBot.PostedMessageId, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Contains("2 answers", d.Updates[^1].AllText(), StringComparison.Ordinal);
        Assert.Contains("1 answer", d.Updates[0].AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administration_is_asked_on_the_first_answer_only()
    {
        await using var d = new DiscussionBot();
        var data = new JsonObject { ["discussion"] = "annex-iii", ["question"] = 1 };

        var first = (await d.ExecuteAsync("discussion.answer", data.DeepClone().AsObject())).InvokeCard();
        await d.AnswerAsync(1, "An answer.", administration: "China Customs");
        var second = (await d.ExecuteAsync("discussion.answer", new JsonObject { ["discussion"] = "annex-iii", ["question"] = 2 })).InvokeCard();

        Assert.Contains("administration", InputIds(first));
        Assert.DoesNotContain("administration", InputIds(second));
        Assert.Equal("China Customs", (await d.Bot.Get<IMemberProfiles>().GetAsync(new UserRef("29:" + Member, "Mia Member", Member), CancellationToken.None))?.Administration);
    }

    [Fact]
    public async Task A_closed_question_offers_its_choices_and_an_answer_without_one_is_refused()
    {
        await using var d = new DiscussionBot();

        var form = (await d.ExecuteAsync("discussion.answer", new JsonObject { ["discussion"] = "annex-iii", ["question"] = 3 })).InvokeCard();
        var refused = await d.AnswerAsync(3, "Depends on the design's owner.");

        var choices = form["body"]!.AsArray().First(e => (string?)e!["id"] == "choice")!["choices"]!.AsArray().Select(c => (string?)c!["value"]).ToList();
        Assert.Equal(["goods", "intangible", "both", "unsure"], choices);
        Assert.Contains("choose one of the options", Refusal(refused), StringComparison.Ordinal);
        Assert.Empty(await Answers(d));
    }

    [Fact]
    public async Task A_choice_on_an_open_question_or_outside_the_list_is_refused()
    {
        await using var d = new DiscussionBot();

        var outside = await d.AnswerAsync(4, "Yes.", choice: "maybe");
        var onOpen = await d.AnswerAsync(1, "Text.", choice: "yes");

        Assert.Contains("choose one of the options", Refusal(outside), StringComparison.Ordinal);
        Assert.Contains("choose one of the options", Refusal(onOpen), StringComparison.Ordinal);
        Assert.Empty(await Answers(d));
    }

    [Fact]
    public async Task An_empty_answer_is_refused_and_nothing_is_saved()
    {
        await using var d = new DiscussionBot();

        var replies = await d.AnswerAsync(1, "   \n ");

        Assert.Contains("empty", Refusal(replies), StringComparison.Ordinal);
        Assert.Empty(await Answers(d));
    }

    [Fact]
    public async Task An_answer_over_4000_characters_is_refused_and_nothing_is_saved()
    {
        await using var d = new DiscussionBot();

        var replies = await d.AnswerAsync(1, new string('x', 4001));

        Assert.Contains("4001 characters; the limit is 4000", Refusal(replies), StringComparison.Ordinal);
        Assert.Empty(await Answers(d));
    }

    [Fact]
    public async Task An_answer_after_close_is_refused_and_reopening_allows_it_again()
    {
        await using var d = new DiscussionBot();
        await d.DiscussAsync();
        await d.Bot.SendTextAsync("close discussion", Moderator);

        var refused = await d.AnswerAsync(1, "Too late?");
        await d.Bot.SendTextAsync("reopen discussion annex-iii", Moderator);
        var accepted = await d.AnswerAsync(1, "Not too late.");

        Assert.Contains("closed", Refusal(refused), StringComparison.Ordinal);
        Assert.Contains("Closed", d.Updates[0].AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("discussion.answer", Verbs(d.Updates[0]));
        Assert.Contains("is saved", accepted.InvokeCard().AllText(), StringComparison.Ordinal);
        Assert.Single(await Answers(d));
    }

    [Fact]
    public async Task A_member_cannot_close_a_discussion()
    {
        await using var d = new DiscussionBot();

        var replies = await d.ExecuteAsync("discussion.close", new JsonObject { ["discussion"] = "annex-iii" });

        Assert.Contains("moderators", Refusal(replies), StringComparison.Ordinal);
        Assert.Contains("Open for answers", (await d.ResponsesAsync()).AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8")]
    [InlineData("0")]
    [InlineData("three")]
    public async Task A_forged_question_number_is_refused_and_nothing_is_saved(string question)
    {
        await using var d = new DiscussionBot();

        var replies = await d.ExecuteAsync("discussion.save", new JsonObject { ["discussion"] = "annex-iii", ["question"] = question, ["text"] = "Forged.", ["administration"] = "X" });

        Assert.Contains("has no question", Refusal(replies), StringComparison.Ordinal);
        Assert.Empty(await Answers(d));
    }

    [Fact]
    public async Task An_unknown_discussion_is_refused()
    {
        await using var d = new DiscussionBot();

        var replies = await d.AnswerAsync(1, "Hello.", discussion: "no-such-set");

        Assert.Contains("no discussion named no-such-set", Refusal(replies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_someone_elses_answer_is_refused_and_changes_nothing()
    {
        await using var d = new DiscussionBot();
        await d.AnswerAsync(2, "Mia's own view.", Member);

        var replies = await d.AnswerAsync(2, "Olu rewrites Mia.", Other, administration: "Other Customs", author: Member);

        Assert.Contains("only edit your own", Refusal(replies), StringComparison.Ordinal);
        var answer = Assert.Single(await Answers(d));
        Assert.Equal("Mia's own view.", answer.Current.Text);
        Assert.Single(answer.Versions);
    }

    [Fact]
    public async Task An_edit_keeps_every_earlier_version_with_who_and_when()
    {
        await using var d = new DiscussionBot();
        await d.AnswerAsync(4, "Yes.", choice: "yes");
        d.Bot.Time.Advance(TimeSpan.FromHours(2));

        var form = (await d.ExecuteAsync("discussion.answer", new JsonObject { ["discussion"] = "annex-iii", ["question"] = 4 })).InvokeCard();
        await d.AnswerAsync(4, "Partly: with the tax authorities.", choice: "partly", administration: null, author: Member);

        var answer = Assert.Single(await Answers(d));
        Assert.Contains("Yes.", form.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["Yes.", "Partly: with the tax authorities."], answer.Versions.Select(v => v.Text));
        Assert.Equal(["yes", "partly"], answer.Versions.Select(v => v.Choice));
        Assert.All(answer.Versions, v => Assert.Equal("Mia Member", v.ChangedBy));
        Assert.Equal(TimeSpan.FromHours(2), answer.Versions[1].ChangedAt - answer.Versions[0].ChangedAt);
        Assert.Equal("China Customs", answer.Current.Administration);
    }

    [Fact]
    public async Task My_answers_shows_only_the_members_own_answers_with_edit_buttons()
    {
        await using var d = new DiscussionBot();
        await d.AnswerAsync(1, "Mine about Industry 4.0.", Member);
        await d.AnswerAsync(2, "Olu on controls.", Other, administration: "Other Customs");

        var card = (await d.ExecuteAsync("discussion.mine", new JsonObject { ["discussion"] = "annex-iii" })).InvokeCard();

        var text = card.AllText();
        Assert.Contains("Mine about Industry 4.0.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Olu on controls.", text, StringComparison.Ordinal);
        Assert.Contains("You have answered 1 of 7 questions.", text, StringComparison.Ordinal);
        Assert.Contains("Edit", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_show_per_question_the_count_the_tallies_and_the_answers_with_administrations()
    {
        await using var d = new DiscussionBot();
        await d.AnswerAsync(3, "Goods, as the printer owner imports the design.", Member, choice: "goods", administration: "China Customs");
        await d.AnswerAsync(3, "Intangible trade in data.", Other, choice: "intangible", administration: "Netherlands Customs");
        await d.AnswerAsync(3, "Also goods.", Third, choice: "goods", administration: "Japan Customs");

        var card = await d.ResponsesAsync();

        var text = card.AllText();
        Assert.Contains("3 answers", text, StringComparison.Ordinal);
        var facts = card.ToJsonString();
        Assert.Contains("""{"title":"Tangible trade in goods","value":"2"}""", facts, StringComparison.Ordinal);
        Assert.Contains("""{"title":"Intangible trade","value":"1"}""", facts, StringComparison.Ordinal);
        Assert.Contains("""{"title":"Unsure","value":"0"}""", facts, StringComparison.Ordinal);
        Assert.Contains("Netherlands Customs, Olu Other: Intangible trade", text, StringComparison.Ordinal);
        Assert.Contains("Intangible trade in data.", text, StringComparison.Ordinal);
        Assert.Contains("3 delegates from 3 administrations", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_cannot_see_the_responses()
    {
        await using var d = new DiscussionBot();

        var replies = await d.Bot.SendTextAsync("responses", Member);

        Assert.Contains("moderators", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_text_shows_as_text_never_as_markup()
    {
        await using var d = new DiscussionBot();
        const string Markup = "**Bold** [link](https://evil.example) <b>tag</b>";
        await d.AnswerAsync(1, Markup, administration: "_Italic_ Customs");

        var responses = (await d.ResponsesAsync()).AllText();
        var mine = (await d.ExecuteAsync("discussion.mine", new JsonObject { ["discussion"] = "annex-iii" })).InvokeCard().AllText();

        Assert.Contains(CardText.Escape(Markup), responses, StringComparison.Ordinal);
        Assert.Contains(CardText.Escape("_Italic_ Customs"), responses, StringComparison.Ordinal);
        Assert.Contains(CardText.Escape(Markup), mine, StringComparison.Ordinal);
        Assert.DoesNotContain("**Bold**", responses.Replace("\\*", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exported_word_document_has_each_answer_under_its_question_with_the_tallies()
    {
        await using var d = new DiscussionBot();
        await d.AnswerAsync(1, "Industry 4.0 answer from China.", Member, administration: "China Customs");
        await d.AnswerAsync(4, "Yes, Customs at the border.\nAnd beyond it.", Other, choice: "yes", administration: "Netherlands Customs");
        await d.AnswerAsync(6, "IPR by design registration.", Third, administration: "Japan Customs");

        var replies = await d.Bot.SendTextAsync("export responses", Moderator);

        var bytes = await Download(d, replies.Card(), 0);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var sections = Sections(body);
        Assert.Equal(7, sections.Count);
        Assert.Contains("China Customs: Industry 4.0 answer from China.", sections[1], StringComparison.Ordinal);
        Assert.Contains("Netherlands Customs (Yes): Yes, Customs at the border.", sections[4], StringComparison.Ordinal);
        Assert.Contains("And beyond it.", sections[4], StringComparison.Ordinal);
        Assert.Contains("Japan Customs: IPR by design registration.", sections[6], StringComparison.Ordinal);
        Assert.DoesNotContain("China", sections[6], StringComparison.Ordinal);
        var tally = body.Descendants<Table>().Select(t => t.InnerText).ToList();
        Assert.Equal(3, tally.Count);
        Assert.Contains("Yes1", tally[1], StringComparison.Ordinal);
        var lead = body.Descendants<Run>().First(r => r.InnerText == "Netherlands Customs (Yes): ");
        Assert.NotNull(lead.RunProperties?.Bold);
    }

    [Fact]
    public async Task The_csv_export_lists_every_answer_with_its_administration_and_defuses_formulas()
    {
        await using var d = new DiscussionBot();
        await d.AnswerAsync(2, "=HYPERLINK(\"x\")", Member, administration: "China Customs");

        var replies = await d.Bot.SendTextAsync("export responses annex-iii", Moderator);

        var csv = System.Text.Encoding.UTF8.GetString(await Download(d, replies.Card(), 1));
        Assert.Contains("China Customs", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_nudges_only_the_team_members_who_have_answered_nothing()
    {
        await using var d = new DiscussionBot();
        d.Messenger.Setup(m => m.GetMembersAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new UserRef("29:" + Member, "Mia Member", Member), new UserRef("29:" + Other, "Olu Other", Other), new UserRef("29:" + Third, "Tess Third", Third)]);
        await d.DiscussAsync();
        await d.AnswerAsync(1, "Answered.", Member);

        var replies = await d.Bot.SendTextAsync("remind discussion", Moderator);

        Assert.Contains("Reminders sent to 2 members", replies.Card().AllText(), StringComparison.Ordinal);
        d.Messenger.Verify(m => m.SendToUserAsync(It.Is<UserRef>(u => u.AadObjectId == Member), It.IsAny<string?>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        d.Messenger.Verify(m => m.SendToUserAsync(It.Is<UserRef>(u => u.AadObjectId != Member), TestBot.TenantId, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Remind_before_the_discussion_is_posted_is_refused()
    {
        await using var d = new DiscussionBot();

        var replies = await d.Bot.SendTextAsync("remind discussion", Moderator);

        Assert.Contains("has not been posted yet", replies.Texts(), StringComparison.Ordinal);
        d.Messenger.Verify(m => m.SendToUserAsync(It.IsAny<UserRef>(), It.IsAny<string?>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_moderator_defines_a_new_question_set_from_a_card_and_posts_it_by_name()
    {
        await using var d = new DiscussionBot();
        var form = (await d.Bot.SendTextAsync("discuss new", Moderator)).Card();

        await d.Bot.ExecuteAsync("discussion.create", new JsonObject
        {
            ["name"] = "e-commerce",
            ["title"] = "E-commerce and Customs",
            ["questions"] = "What changes with small parcels?\nShould de minimis thresholds be lowered? | yes; no; unsure",
        }, Moderator);
        await d.DiscussAsync("e-commerce");
        var saved = await d.AnswerAsync(2, "Lower them.", choice: "c1", discussion: "e-commerce");

        Assert.Contains("questions", InputIds(form));
        var card = Assert.Single(d.Posted).AllText();
        Assert.Contains("E-commerce and Customs", card, StringComparison.Ordinal);
        Assert.Contains("What changes with small parcels?", card, StringComparison.Ordinal);
        Assert.Contains("is saved", saved.InvokeCard().AllText(), StringComparison.Ordinal);
        Assert.Contains("""{"title":"yes","value":"1"}""", (await d.ResponsesAsync("e-commerce")).ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad Name", "Title", "Q?")]
    [InlineData("new", "Title", "Q?")]
    [InlineData("annex-iii", "Title", "Q?")]
    [InlineData("good-name", "", "Q?")]
    [InlineData("good-name", "Title", "")]
    [InlineData("good-name", "Title", "Q? | only-one")]
    public async Task An_invalid_new_question_set_is_refused_and_nothing_is_created(string name, string title, string questions)
    {
        await using var d = new DiscussionBot();

        var replies = await d.Bot.ExecuteAsync("discussion.create", new JsonObject { ["name"] = name, ["title"] = title, ["questions"] = questions }, Moderator);

        Assert.NotEmpty(Refusal(replies));
        Assert.DoesNotContain(await d.Bot.Get<DiscussionStore>().ListAsync(CancellationToken.None), s => s.Name == "good-name" || s.Name == "new" || s.Name == "bad name");
    }

    [Fact]
    public async Task Answers_and_the_posted_card_survive_a_restart()
    {
        string directory;
        await using (var before = new DiscussionBot())
        {
            directory = before.Bot.DataDirectory;
            await before.DiscussAsync();
            await before.AnswerAsync(5, "They need revising.", choice: "revise");
        }

        await using var after = new DiscussionBot(directory);
        await after.AnswerAsync(5, "A new instrument, on reflection.", Other, choice: "new-instrument", administration: "Other Customs");

        Assert.Contains("2 answers", after.Updates[^1].AllText(), StringComparison.Ordinal);
        var text = (await after.ResponsesAsync()).AllText();
        Assert.Contains("They need revising.", text, StringComparison.Ordinal);
        Assert.Contains("A new instrument, on reflection.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_counts_new_and_edited_answers_in_the_period_and_participation()
    {
        await using var d = new DiscussionBot();
        var start = d.Bot.Time.GetUtcNow();
        await d.AnswerAsync(1, "First.");
        await d.AnswerAsync(1, "Second.", Other, administration: "Other Customs");
        await d.AnswerAsync(1, "First, edited.", author: Member);
        var source = d.Bot.Get<IEnumerable<IDigestSource>>().OfType<DiscussionDigestSource>().Single();

        var section = await source.ComposeAsync(new DigestPeriod(start, start.AddDays(7)), CancellationToken.None);
        var empty = await source.ComposeAsync(new DigestPeriod(start.AddDays(7), start.AddDays(14)), CancellationToken.None);

        Assert.NotNull(section);
        Assert.Contains("Question 1: 2 new answers and 1 edited answer", section.Lines);
        Assert.Contains(section.Lines, l => l.EndsWith("2 delegates from 2 administrations have answered so far.", StringComparison.Ordinal));
        Assert.Equal("discussion.show", section.ActionVerb);
        Assert.Null(empty);
    }

    [Fact]
    public async Task The_discussion_card_reads_in_french_for_a_french_client()
    {
        await using var d = new DiscussionBot();

        await d.Bot.SendTextAsync("discuss", Moderator, ConversationKind.Channel, locale: "fr-FR");

        Assert.Contains("Ouverte aux réponses", Assert.Single(d.Posted).AllText(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<DiscussionAnswer>> Answers(DiscussionBot d)
        => await d.Bot.Get<DiscussionStore>().AnswersAsync("annex-iii", CancellationToken.None);

    private static string Refusal(IEnumerable<Microsoft.Bot.Schema.Activity> replies)
    {
        var response = replies.InvokeResponse();
        Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
        return (string)response.Value;
    }

    private static List<string> Verbs(JsonNode card)
        => [.. Descendants(card).Where(o => (string?)o["type"] == "Action.Execute").Select(o => (string)o["verb"]!)];

    private static List<string> InputIds(JsonNode card)
        => [.. Descendants(card).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(o => (string)o["id"]!)];

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    private static async Task<byte[]> Download(DiscussionBot d, JsonObject exportCard, int index)
    {
        var url = new Uri((string)exportCard["actions"]![index]!["url"]!);
        var token = url.Segments[^1];
        var file = await d.Bot.Get<DownloadLinks>().OpenAsync(token, CancellationToken.None);
        Assert.NotNull(file);
        return file.Value.Content;
    }

    /// <summary>The paragraph texts under each question heading of the Word document, by question number.</summary>
    private static Dictionary<int, string> Sections(Body body)
    {
        var sections = new Dictionary<int, string>();
        var current = 0;
        foreach (var paragraph in body.Elements<Paragraph>())
        {
            if (paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value == DiscussionExport.QuestionHeadingStyle)
            {
                current = int.Parse(paragraph.InnerText.Split(' ', '.')[1], System.Globalization.CultureInfo.InvariantCulture);
                sections[current] = string.Empty;
            }
            else if (current > 0)
            {
                sections[current] += string.Concat(paragraph.Descendants().Select(e => e switch
                {
                    Text t => t.Text,
                    Break => "\n",
                    _ => string.Empty,
                })) + "\n";
            }
        }

        return sections;
    }
}
