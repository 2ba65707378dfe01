using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Knowledge.Answers;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Polls;
using FutureOfCustoms.Bot.Tests.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Xunit.Abstractions;

namespace FutureOfCustoms.Bot.Tests.Hostile;

/// <summary>
/// The second half of the authorization matrix: a member's action on another member's data. Every verb a member may
/// use is classified here: it acts on data a member owns (a row of <see cref="Rows"/>), or it touches no member's own
/// data (<see cref="NoOwner"/>, swept with the same hostile payload). Member A makes their data through real turns;
/// member B aims each verb at it with A's ids and forged identity fields, by Action.Execute in the channel and by
/// Action.Submit in a personal chat. Moderator verbs are the first half (<see cref="AuthorizationMatrixTests"/>).
/// </summary>
public sealed class MemberDataMatrixTests(ITestOutputHelper output)
{
    private const string A = TestBot.MemberAadId;
    private const string B = TestBot.OtherMemberAadId;

    /// <summary>Plain words only: the card renderer escapes markdown characters, and the check looks for the text as typed.</summary>
    private const string AnswerOfA = "Mia keeps this answer for the moderator only";

    private static readonly string VoteOfA = string.Format(CultureInfo.InvariantCulture, PollsStrings.Poll_YourVote, "Data analytics");

    /// <summary>Member verbs that touch no member's own data, and why.</summary>
    private static readonly Dictionary<string, string> NoOwner = new(StringComparer.Ordinal)
    {
        ["help"] = "lists the commands",
        ["ask"] = "records a new question; the log keeps no asker",
        ["knowledge.section"] = "shows a section of the working document",
        ["knowledge.blocks"] = "the working document's building blocks",
        ["knowledge.block"] = "one building block of the working document",
        ["knowledge.topics"] = "the catalogue of topics (Annex II and accepted suggestions)",
        ["knowledge.papers"] = "the working document's papers",
        ["knowledge.questions"] = "the Annex III questions",
        ["suggest"] = "opens an empty suggestion form",
        ["suggestions.cancel"] = "replaces the form by a note; stores nothing",
        ["suggestions"] = "the group's list of suggestions, shared with every member",
        ["suggestions.list"] = "pages and filters the shared list",
        ["suggestions.open"] = "shows one suggestion of the shared list",
        ["polls"] = "the launched polls with their public outcome",
        ["discussion.show"] = "the shared discussion card: questions and answer counts, no answer text",
        ["discussion.paper"] = "the Annex III paper",
    };

    /// <summary>Member verbs that act on data a member owns: who owns it, how the verb checks it, and B's attacks on A's.</summary>
    private static readonly Dictionary<string, MatrixRow> Rows = new(StringComparer.Ordinal)
    {
        ["suggestions.edit"] = new(
            "the author's suggestion: SuggestionWorkflow.LoadOwnPendingAsync compares the author with the sender",
            a => [new Attack(Forged(new JsonObject { ["id"] = a.SuggestionId }), new Refused(NotAuthor))]),
        ["suggestions.withdraw"] = new(
            "the author's suggestion: SuggestionWorkflow.LoadOwnPendingAsync",
            a => [new Attack(Forged(new JsonObject { ["id"] = a.SuggestionId }), new Refused(NotAuthor))]),
        ["suggestions.submit"] = new(
            "an edit saves the author's suggestion only (LoadOwnPendingAsync on editId); a submitted card is single-use",
            a =>
            [
                new Attack(Forged(SuggestionTests.Data(a.FreshCardId, "Rewritten by Olu", editId: a.SuggestionId)), new Refused(NotAuthor)),
                new Attack(Forged(SuggestionTests.Data(a.SuggestionCardId, "Resubmitted by Olu")), new Refused(SuggestionsStrings.Refused_AlreadySubmitted, OwnerRefusedToo: true)),
            ]),
        ["discussion.save"] = new(
            "the author's answer: saved under the sender's key; a form carrying someone else's key is refused",
            a => [new Attack(Forged(AnswerData("Olu rewrites Mia")), new Refused(DiscussionStrings.Refuse_NotYourAnswer))]),
        ["discussion.answer"] = new(
            "the answer form shows the sender's own answer (the sender's UserRef.Key)",
            a => [new Attack(Forged(new JsonObject { ["discussion"] = Scene.Discussion, ["question"] = Scene.Question }), new OwnView(AnswerOfA))]),
        ["discussion.mine"] = new(
            "My answers lists the sender's own answers",
            a => [new Attack(Forged(new JsonObject { ["discussion"] = Scene.Discussion }), new OwnView(AnswerOfA))]),
        ["poll.vote"] = new(
            "a ballot is written under the sender's voter key (PollStore.VoterKeyAsync); the payload names no voter",
            a => [new Attack(Forged(new JsonObject { ["pollId"] = a.PollId, ["choices"] = "2" }), new OwnWrite((scene, member) => Task.FromResult(BallotRow(scene, a.PollId, member))))]),
        ["poll.refresh"] = new(
            "the poll card shows the sender's own ballot",
            a => [new Attack(Forged(new JsonObject { ["pollId"] = a.PollId }), new OwnView(VoteOfA))]),
        ["knowledge.feedback"] = new(
            "a vote on an answer is kept under the sender's id, one per member",
            a => [new Attack(Forged(new JsonObject { ["questionId"] = a.QuestionId, ["vote"] = "notHelpful" }), new OwnWrite((scene, member) => FeedbackOfAsync(scene, a.QuestionId, member)))]),
    };

    private static string NotAuthor => string.Format(CultureInfo.InvariantCulture, SuggestionsStrings.Refused_NotAuthor, 1);

    public static TheoryData<string> MemberDataVerbs => new(Rows.Keys);

    [Fact]
    public async Task Every_member_verb_of_the_catalogue_is_classified_as_acting_on_a_members_data_or_not()
    {
        await using var bot = new TestBot();
        var catalog = bot.Get<CommandCatalog>();

        var unclassified = catalog.All.Where(d => !d.ModeratorOnly && !Rows.ContainsKey(d.Verb) && !NoOwner.ContainsKey(d.Verb)).Select(d => d.Verb).ToList();
        var stale = Rows.Keys.Concat(NoOwner.Keys).Where(v => catalog.FindByVerb(v) is not { ModeratorOnly: false }).ToList();
        var both = Rows.Keys.Intersect(NoOwner.Keys).ToList();

        foreach (var (verb, row) in Rows)
        {
            output.WriteLine($"{verb} -> {row.OwnerCheck}");
        }

        Assert.True(unclassified.Count == 0, $"Member verbs with no row: {string.Join(", ", unclassified)}. Add a row to Rows when the verb acts on data a member owns, else a reason to NoOwner.");
        Assert.True(stale.Count == 0, $"Classified verbs that are no member verbs of the catalogue: {string.Join(", ", stale)}.");
        Assert.Empty(both);
    }

    [Theory]
    [MemberData(nameof(MemberDataVerbs))]
    public async Task Another_member_can_neither_change_nor_see_a_members_data_through(string verb)
    {
        await using var scene = await Scene.ArrangeAsync();
        var row = Rows[verb];
        var failures = new List<string>();

        foreach (var attack in row.Attacks(scene))
        {
            failures.AddRange(await TryAsync(scene, verb, attack));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Verbs_that_touch_no_members_data_change_nothing_and_show_nothing_private_when_aimed_at_As_data()
    {
        await using var scene = await Scene.ArrangeAsync();
        var payload = Forged(new JsonObject
        {
            ["id"] = scene.SuggestionId,
            ["editId"] = scene.SuggestionId,
            ["cardId"] = scene.SuggestionCardId,
            ["discussion"] = Scene.Discussion,
            ["question"] = Scene.Question,
            ["pollId"] = scene.PollId,
            ["questionId"] = scene.QuestionId,
            ["vote"] = "notHelpful",
        });
        var before = StoreSnapshot.Take(scene.Bot.DataDirectory);
        var failures = new List<string>();

        foreach (var verb in NoOwner.Keys)
        {
            foreach (var way in Ways)
            {
                var answer = await way.SendAsync(scene.Bot, verb, payload, B);
                failures.AddRange(new[] { AnswerOfA, VoteOfA }.Where(s => answer.Everything.Contains(s, StringComparison.Ordinal)).Select(s => $"{verb} by {way.How} showed '{s}'"));
                if (answer.Text == CommandStrings.UnknownAction)
                {
                    failures.Add($"{verb} is no verb: the sweep tried nothing");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, StoreSnapshot.Take(scene.Bot.DataDirectory));
    }

    [Fact]
    public async Task Members_without_an_Entra_id_each_keep_their_own_vote_on_an_answer()
    {
        await using var scene = await Scene.ArrangeAsync();
        var data = new JsonObject { ["questionId"] = scene.QuestionId };

        await ExecuteWithoutEntraIdAsync(scene.Bot, "knowledge.feedback", With(data, "vote", "helpful"), A);
        await ExecuteWithoutEntraIdAsync(scene.Bot, "knowledge.feedback", With(data, "vote", "notHelpful"), B);

        var votes = (await scene.Bot.Get<QuestionLog>().GetAsync(scene.QuestionId, CancellationToken.None))!.Votes;
        Assert.Equal(AnswerVote.Helpful, votes[$"29:{A}"]);
        Assert.Equal(AnswerVote.NotHelpful, votes[$"29:{B}"]);
    }

    private static async Task<List<string>> TryAsync(Scene scene, string verb, Attack attack)
    {
        var failures = new List<string>();
        if (attack.Expected is OwnView view && !(await Ways[0].SendAsync(scene.Bot, verb, attack.Data, A)).Everything.Contains(view.Secret, StringComparison.Ordinal))
        {
            failures.Add($"{verb}: A's own view does not show '{view.Secret}', so B's view proves nothing");
        }

        var before = StoreSnapshot.Take(scene.Bot.DataDirectory);
        var ownWrite = attack.Expected as OwnWrite;
        var recordOfA = ownWrite is null ? null : await ownWrite.RecordOf(scene, A);
        foreach (var way in Ways)
        {
            var answer = await way.SendAsync(scene.Bot, verb, attack.Data, B);
            var what = $"{verb} by {way.How}";
            switch (attack.Expected)
            {
                case Refused refused when answer.Text != refused.Message:
                    failures.Add($"{what}: answered '{answer.Text}', expected the refusal '{refused.Message}'");
                    break;
                case OwnView own when answer.Everything.Contains(own.Secret, StringComparison.Ordinal):
                    failures.Add($"{what}: showed A's '{own.Secret}'");
                    break;
                case OwnView when !answer.HasCard:
                    failures.Add($"{what}: answered '{answer.Text}' instead of B's own view");
                    break;
            }
        }

        var after = StoreSnapshot.Take(scene.Bot.DataDirectory);
        if (ownWrite is null && !before.SequenceEqual(after))
        {
            failures.Add($"{verb}: the store changed: {string.Join(" | ", after.Except(before))}");
        }

        if (ownWrite is not null)
        {
            if (recordOfA is null)
            {
                failures.Add($"{verb}: A has no record, so the row protects nothing");
            }
            else if (await ownWrite.RecordOf(scene, A) is var now && now != recordOfA)
            {
                failures.Add($"{verb}: A's record changed from '{recordOfA}' to '{now}'");
            }

            if (await ownWrite.RecordOf(scene, B) is null)
            {
                failures.Add($"{verb}: B's own record was not written, so the forged payload went elsewhere");
            }
        }

        if (attack.Expected is Refused { OwnerRefusedToo: false } refusal && (await Ways[0].SendAsync(scene.Bot, verb, attack.Data, A)).Text == refusal.Message)
        {
            failures.Add($"{verb}: A is refused too, so the refusal is not about who acts");
        }

        return failures;
    }

    /// <summary>An Action.Execute from a member whose activity carries an empty Entra object id: only the channel id tells members apart.</summary>
    private static Task<IReadOnlyList<Activity>> ExecuteWithoutEntraIdAsync(TestBot bot, string verb, JsonObject data, string member)
    {
        var activity = bot.NewActivity(ActivityTypes.Invoke, member, ConversationKind.Personal);
        activity.From = new ChannelAccount($"29:{member}", TestBot.NameOf(member), aadObjectId: string.Empty);
        activity.Name = "adaptiveCard/action";
        activity.Value = Newtonsoft.Json.Linq.JObject.FromObject(new { action = new { type = "Action.Execute", verb, data = Newtonsoft.Json.Linq.JObject.Parse(data.ToJsonString()) } });
        return bot.RunAsync(activity);
    }

    private static JsonObject With(JsonObject data, string key, string value)
    {
        var copy = data.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    /// <summary>Identity fields a forged card might carry, all naming A: the bot must take the actor from the turn only.</summary>
    private static JsonObject Forged(JsonObject data)
    {
        data["author"] ??= A;
        data["authorKey"] = A;
        data["userId"] = $"29:{A}";
        data["aadObjectId"] = A;
        data["voter"] = A;
        data["memberId"] = A;
        data["from"] = new JsonObject { ["id"] = $"29:{A}", ["aadObjectId"] = A, ["name"] = TestBot.NameOf(A) };
        return data;
    }

    private static JsonObject AnswerData(string text) => new()
    {
        ["discussion"] = Scene.Discussion,
        ["question"] = Scene.Question,
        ["text"] = text,
        ["administration"] = "Customs of Ruritania",
    };

    private static string? BallotRow(Scene scene, string pollId, string member)
        => StoreSnapshot.Take(scene.Bot.DataDirectory).SingleOrDefault(r => r.StartsWith($"poll-ballots/{pollId}/{member} ", StringComparison.Ordinal));

    private static async Task<string?> FeedbackOfAsync(Scene scene, string questionId, string member)
        => (await scene.Bot.Get<QuestionLog>().GetAsync(questionId, CancellationToken.None))!.Votes.TryGetValue(member, out var vote) ? vote.ToString() : null;

    /// <summary>The two ways a card action reaches the bot; the first is also how A's controls are sent.</summary>
    private static readonly Way[] Ways =
    [
        new("Action.Execute in the channel", async (bot, verb, data, member) => Answer.Of(await bot.ExecuteAsync(verb, data.DeepClone().AsObject(), member, ConversationKind.Channel))),
        new("Action.Submit in a personal chat", async (bot, verb, data, member) =>
        {
            var submitted = data.DeepClone().AsObject();
            submitted[CommandRouter.VerbField] = verb;
            return Answer.Of(await bot.SubmitAsync(submitted, member));
        }),
    ];

    private sealed record Way(string How, Func<TestBot, string, JsonObject, string, Task<Answer>> SendAsync);

    /// <param name="Text">The plain text answer (a refusal is one); empty when a card answered.</param>
    /// <param name="Everything">Every reply serialized, cards included: what the member could read.</param>
    private sealed record Answer(string Text, string Everything, bool HasCard)
    {
        public static Answer Of(IReadOnlyList<Activity> replies)
        {
            var invoke = replies.Any(r => r.Type == ActivityTypesEx.InvokeResponse) ? replies.InvokeResponse() : null;
            var cardInvoke = invoke?.Type == "application/vnd.microsoft.card.adaptive";
            var text = invoke is null ? replies.Texts() : cardInvoke ? string.Empty : invoke.Value?.ToString() ?? string.Empty;
            return new Answer(text, JsonConvert.SerializeObject(replies), cardInvoke || replies.Messages().Any(m => m.Attachments?.Count > 0));
        }
    }

    private sealed record MatrixRow(string OwnerCheck, Func<Scene, IReadOnlyList<Attack>> Attacks);

    private sealed record Attack(JsonObject Data, Outcome Expected);

    private abstract record Outcome;

    /// <summary>B gets exactly this refusal and the store is unchanged; the same payload from A is not refused (unless it is for anyone).</summary>
    private sealed record Refused(string Message, bool OwnerRefusedToo = false) : Outcome;

    /// <summary>B sees their own view: A's secret is nowhere in the reply and nothing is stored; A's own view shows it.</summary>
    private sealed record OwnView(string Secret) : Outcome;

    /// <summary>B's action writes B's own record only: A's record is byte-for-byte as before, and B's exists.</summary>
    private sealed record OwnWrite(Func<Scene, string, Task<string?>> RecordOf) : Outcome;

    /// <summary>A bot in which member A has a suggestion, an answer to an Annex III question, a ballot and a vote on an answer.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        public const string Discussion = AnnexIIIDiscussion.Name;

        public const int Question = 1;

        private readonly PollDriver _driver = new();

        public TestBot Bot => _driver.Bot;

        public string SuggestionId { get; private set; } = string.Empty;

        /// <summary>The card A submitted the suggestion with.</summary>
        public string SuggestionCardId { get; private set; } = string.Empty;

        /// <summary>A card B opened and has not submitted.</summary>
        public string FreshCardId { get; private set; } = string.Empty;

        public string PollId { get; private set; } = string.Empty;

        public string QuestionId { get; private set; } = string.Empty;

        public static async Task<Scene> ArrangeAsync()
        {
            var scene = new Scene();
            try
            {
                await scene.MakeAsDataAsync();
                return scene;
            }
            catch
            {
                await scene.DisposeAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => _driver.DisposeAsync();

        private async Task MakeAsDataAsync()
        {
            var bot = Bot;

            SuggestionCardId = await OpenSuggestionCardAsync(bot, A);
            await bot.ExecuteAsync("suggestions.submit", SuggestionTests.Data(SuggestionCardId), A);
            SuggestionId = Assert.Single(await bot.Get<SuggestionRepository>().ListAsync(CancellationToken.None)).Id;
            FreshCardId = await OpenSuggestionCardAsync(bot, B);

            await bot.SendTextAsync("discuss", TestBot.ModeratorAadId, ConversationKind.Channel);
            var saved = await bot.ExecuteAsync("discussion.save", AnswerData(AnswerOfA), A, ConversationKind.Channel);
            Assert.Equal("application/vnd.microsoft.card.adaptive", saved.InvokeResponse().Type);

            var poll = await _driver.LaunchAsync();
            PollId = poll.Id;
            await _driver.VoteAsync(poll, A, "1");

            var start = bot.Time.GetUtcNow();
            await bot.SendTextAsync("What does the VWG FC say about e-commerce?", A);
            QuestionId = Assert.Single(await bot.Get<QuestionLog>().ListAsync(start, start.AddMinutes(1), CancellationToken.None)).Id;
            await bot.ExecuteAsync("knowledge.feedback", new JsonObject { ["questionId"] = QuestionId, ["vote"] = "helpful" }, A);
        }

        private static async Task<string> OpenSuggestionCardAsync(TestBot bot, string member)
            => (await bot.SendTextAsync("suggest", member)).Card().ToJsonString().Split("\"cardId\":\"")[1][..32];
    }
}
