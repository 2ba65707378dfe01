using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Exports;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Polls;

public sealed class PollTurnTests
{
    [Fact]
    public async Task The_creation_dialog_offers_Annex_II_topics_and_catalogue_topics()
    {
        await using var driver = new PollDriver(configure: services => services.AddSingleton<ICatalogueTopicSource>(new FakeTopics()));

        var card = (await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Dialog })).Card!;

        var json = card.ToJsonString();
        Assert.Contains("\"annex:0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"topic:s-1\"", json, StringComparison.Ordinal);
        Assert.Contains("Suggestion: Green customs", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_from_a_member_is_refused()
    {
        await using var driver = new PollDriver();

        var replies = await driver.Bot.SendTextAsync("poll", TestBot.MemberAadId, ConversationKind.Channel);

        Assert.Contains("only the group's moderators", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_posts_the_poll_card_in_the_conversation_with_counts_participation_and_refresh_for_the_roster()
    {
        await using var driver = new PollDriver();

        var poll = await driver.LaunchAsync();

        Assert.Equal(PollStatus.Open, poll.Status);
        var (conversationId, message) = Assert.Single(driver.Messenger.Sent);
        Assert.StartsWith(TestBot.ChannelConversationId, conversationId, StringComparison.Ordinal);
        Assert.Equal("message-1", poll.MessageId);
        Assert.Contains("0 of 3 members have voted", message.Card!.AllText(), StringComparison.Ordinal);
        Assert.Equal("poll.refresh", (string?)message.Card!["refresh"]!["action"]!["verb"]);
        Assert.Equal(3, message.Card!["refresh"]!["userIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task Preview_with_a_single_option_is_refused_and_stores_nothing()
    {
        await using var driver = new PollDriver();

        var step = await driver.PreviewAsync(PollDriver.Form(options: "Only one"), PollDraft.NewDialogKey());

        Assert.Contains("2 to 10", step.Message, StringComparison.Ordinal);
        Assert.Empty(await driver.Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Preview_with_a_closing_time_in_the_past_is_refused()
    {
        await using var driver = new PollDriver();

        var step = await driver.PreviewAsync(PollDriver.Form(closeDate: "2026-11-22", closeTime: "10:00"), PollDraft.NewDialogKey());

        Assert.Contains("closing date", step.Message, StringComparison.Ordinal);
        Assert.Empty(await driver.Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Closing_time_is_read_in_the_chosen_time_zone_and_stored_as_UTC()
    {
        await using var driver = new PollDriver();

        var poll = await driver.LaunchAsync(PollDriver.Form(closeDate: "2026-11-24", closeTime: "17:00", timeZone: "Europe/Brussels"));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), poll.ClosesAt);
        Assert.Equal("Europe/Brussels", poll.TimeZone);
    }

    [Fact]
    public async Task A_member_vote_is_recorded_and_the_invoke_response_shows_their_choice_and_change_vote()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var view = (await driver.VoteAsync(poll, TestBot.MemberAadId, "2")).InvokeCard();

        var ballot = Assert.Single(await driver.BallotsAsync(poll));
        Assert.Equal(["2"], ballot.Choices);
        Assert.Contains("You voted: E-commerce", view.AllText(), StringComparison.Ordinal);
        Assert.Contains("Change vote", view.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Close poll", view.AllText(), StringComparison.Ordinal);
        Assert.Contains("1 of 3 members has voted", view.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_vote_replaces_the_old_one()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        await driver.VoteAsync(poll, TestBot.MemberAadId, "3");

        var ballot = Assert.Single(await driver.BallotsAsync(poll));
        Assert.Equal(["3"], ballot.Choices);
    }

    [Fact]
    public async Task A_vote_on_an_option_not_in_the_poll_is_rejected_and_changes_nothing()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var replies = await driver.VoteAsync(poll, TestBot.MemberAadId, "11");

        Assert.Contains("not in this poll", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Equal(["1"], Assert.Single(await driver.BallotsAsync(poll)).Choices);
    }

    [Fact]
    public async Task A_vote_with_more_choices_than_allowed_is_rejected_and_changes_nothing()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(maxChoices: 2));

        var replies = await driver.VoteAsync(poll, TestBot.MemberAadId, "1", "2", "3");

        Assert.Contains("at most 2 choices", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Empty(await driver.BallotsAsync(poll));
    }

    [Fact]
    public async Task A_vote_for_several_options_within_the_limit_is_recorded()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(maxChoices: 2));

        await driver.VoteAsync(poll, TestBot.MemberAadId, "3", "1");

        Assert.Equal(["1", "3"], Assert.Single(await driver.BallotsAsync(poll)).Choices);
    }

    [Fact]
    public async Task A_vote_after_close_is_rejected_and_changes_nothing()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.CloseAsync(poll);

        var replies = await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        Assert.Contains("closed", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Empty(await driver.BallotsAsync(poll));
    }

    [Fact]
    public async Task A_member_pressing_close_is_refused_and_the_poll_stays_open()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var replies = await driver.Bot.ExecuteAsync(PollCommands.Close, new JsonObject { ["pollId"] = poll.Id, ["confirm"] = "true" }, TestBot.MemberAadId, ConversationKind.Channel);
        var dialog = await driver.CloseAsync(poll, TestBot.MemberAadId);

        Assert.Contains("only the group's moderators", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Contains("only the group's moderators", dialog.Message, StringComparison.Ordinal);
        Assert.Equal(PollStatus.Open, (await driver.Store.GetAsync(poll.Id, CancellationToken.None))!.Status);
        Assert.Single(driver.Messenger.Sent);
    }

    [Fact]
    public async Task A_member_forging_launch_export_remind_manage_or_the_dialog_changes_nothing_and_is_told_why()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        foreach (var verb in new[] { PollCommands.Launch, PollCommands.Remind, PollCommands.Export, PollCommands.Preview, PollCommands.Manage, PollCommands.Edit, PollCommands.Dialog })
        {
            var replies = await driver.Bot.ExecuteAsync(verb, new JsonObject { ["pollId"] = poll.Id }, TestBot.MemberAadId, ConversationKind.Channel);
            var dialog = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = verb, ["pollId"] = poll.Id }, TestBot.MemberAadId);
            Assert.Contains("only the group's moderators", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
            Assert.Contains("only the group's moderators", dialog.Message, StringComparison.Ordinal);
        }

        Assert.Single(driver.Messenger.Sent);
        Assert.Empty(driver.Messenger.ToUsers);
    }

    [Fact]
    public async Task Closing_posts_ranked_results_with_the_winner_and_participation_and_marks_the_poll_card_closed()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "2");
        await driver.VoteAsync(poll, TestBot.OtherMemberAadId, "2");
        await driver.VoteAsync(poll, TestBot.ModeratorAadId, "1");

        await driver.CloseAsync(poll);

        var results = driver.Messenger.Sent.Last().Message.Card!;
        var text = results.AllText();
        Assert.Contains("Winner: E-commerce", text, StringComparison.Ordinal);
        Assert.Contains("3 of 3 members have voted", text, StringComparison.Ordinal);
        Assert.Contains("Rank 1: E-commerce · 2 votes, 67%\nRank 2: Data analytics · 1 vote, 33%\nRank 3: Green customs · 0 votes, 0%", text, StringComparison.Ordinal);
        Assert.Equal("Chart.Donut", (string?)results["body"]!.AsArray().Single(e => ((string?)e!["type"])!.StartsWith("Chart.", StringComparison.Ordinal))!["type"]);
        var update = Assert.Single(driver.Messenger.Updated, u => u.Message.Card!.AllText().Contains("Closed on", StringComparison.Ordinal));
        Assert.Equal(poll.MessageId, update.MessageId);
        Assert.DoesNotContain("Vote", update.Message.Card!.AllText().Split('\n'));
    }

    [Fact]
    public async Task Equal_leading_counts_are_reported_as_a_tie()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");
        await driver.VoteAsync(poll, TestBot.OtherMemberAadId, "3");

        await driver.CloseAsync(poll);

        Assert.Contains("Tie: Data analytics / Green customs", driver.Messenger.Sent.Last().Message.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_twice_closes_once()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        await driver.CloseAsync(poll);
        var second = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id, ["confirm"] = "true" });

        Assert.Contains("already closed", second.Message, StringComparison.Ordinal);
        Assert.Equal(2, driver.Messenger.Sent.Count);
    }

    [Fact]
    public async Task An_anonymous_ballot_is_keyed_by_a_hash_and_keeps_no_voter_identity()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(anonymous: true));

        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");
        await driver.VoteAsync(poll, TestBot.MemberAadId, "2");

        var stored = Assert.Single(await driver.Store.BallotsAsync(poll.Id, CancellationToken.None));
        Assert.Matches("^[0-9a-f]{64}$", stored.Id);
        Assert.DoesNotContain(TestBot.MemberAadId, System.Text.Json.JsonSerializer.Serialize(stored.Value), StringComparison.Ordinal);
        Assert.Null(stored.Value.VoterName);
        Assert.Null(stored.Value.CastAt);
        Assert.Equal(["2"], stored.Value.Choices);
    }

    [Fact]
    public async Task Counts_hidden_until_close_are_not_on_the_shared_card_or_the_voter_view()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(visibility: "AfterClose"));

        var view = (await driver.VoteAsync(poll, TestBot.MemberAadId, "1")).InvokeCard();

        Assert.DoesNotContain("votes,", view.AllText(), StringComparison.Ordinal);
        Assert.Contains("shown when the poll closes", view.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("votes,", driver.Messenger.Sent.Single().Message.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_after_voting_are_shown_to_a_member_only_once_they_have_voted()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(visibility: "AfterVoting"));

        var before = (await driver.Bot.ExecuteAsync(PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }, TestBot.MemberAadId, ConversationKind.Channel)).InvokeCard();
        var after = (await driver.VoteAsync(poll, TestBot.MemberAadId, "1")).InvokeCard();

        Assert.DoesNotContain("votes,", before.AllText(), StringComparison.Ordinal);
        Assert.Contains("1 vote, 100%", after.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_gives_each_member_their_own_view_and_the_moderator_the_close_button()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var member = (await driver.Bot.ExecuteAsync(PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }, TestBot.MemberAadId, ConversationKind.Channel)).InvokeCard();
        var other = (await driver.Bot.ExecuteAsync(PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }, TestBot.OtherMemberAadId, ConversationKind.Channel)).InvokeCard();
        var moderator = (await driver.Bot.ExecuteAsync(PollCards.RefreshVerb, new JsonObject { ["pollId"] = poll.Id }, TestBot.ModeratorAadId, ConversationKind.Channel)).InvokeCard();

        Assert.Contains("You voted: Data analytics", member.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("You voted", other.AllText(), StringComparison.Ordinal);
        Assert.Contains("Close poll", moderator.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Close poll", member.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_of_more_than_60_members_gets_a_manual_refresh_and_the_Manage_button()
    {
        await using var driver = new PollDriver();
        driver.Messenger.Members.AddRange(Enumerable.Range(0, 60).Select(i => FakeMessenger.Member($"00000000-0000-0000-0000-{i:D12}")));

        await driver.LaunchAsync();

        var card = driver.Messenger.Sent.Single().Message.Card!;
        Assert.Null(card["refresh"]!["userIds"]);
        Assert.Equal("poll.refresh", (string?)card["refresh"]!["action"]!["verb"]);
        Assert.Contains("Manage", card.AllText().Split('\n'));
        Assert.DoesNotContain("Close poll", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_by_Action_Submit_is_recorded_without_replacing_the_shared_card()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var replies = await driver.Bot.SubmitAsync(new JsonObject { ["verb"] = PollCards.VoteVerb, ["pollId"] = poll.Id, ["choices"] = "3" }, TestBot.MemberAadId, ConversationKind.Channel, cardActivityId: poll.MessageId);

        Assert.Contains("Your vote is recorded: Green customs", replies.Texts(), StringComparison.Ordinal);
        Assert.DoesNotContain(replies, r => r.Type == "messageUpdate");
        Assert.Equal(["3"], Assert.Single(await driver.BallotsAsync(poll)).Choices);
    }

    [Fact]
    public async Task Votes_update_the_shared_card_once_after_the_delay()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");
        await driver.VoteAsync(poll, TestBot.OtherMemberAadId, "1");

        driver.Bot.Time.Advance(TimeSpan.FromSeconds(2.9));
        var early = driver.Messenger.Updated.Count;
        driver.Bot.Time.Advance(TimeSpan.FromSeconds(0.1));
        await driver.Messenger.FirstUpdate.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, early);
        var update = Assert.Single(driver.Messenger.Updated);
        Assert.Contains("2 of 3 members have voted", update.Message.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_sends_a_1to1_nudge_to_every_member_without_a_ballot()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(anonymous: true));
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var replies = await driver.Bot.ExecuteAsync(PollCommands.Remind, new JsonObject { ["pollId"] = poll.Id }, TestBot.ModeratorAadId, ConversationKind.Channel);
        await WaitUntilAsync(() => driver.Messenger.ToUsers.Count >= 2);

        Assert.Contains("Reminding 2 members", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Equal([TestBot.ModeratorAadId, TestBot.OtherMemberAadId], driver.Messenger.ToUsers.Select(u => u.User.AadObjectId).Order());
    }

    [Fact]
    public async Task Export_of_an_anonymous_poll_holds_ballots_without_voters()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(anonymous: true));
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");
        await driver.VoteAsync(poll, TestBot.OtherMemberAadId, "2");

        var ballots = await driver.BallotsAsync(poll);
        var table = PollExport.Table((await driver.Store.GetAsync(poll.Id, CancellationToken.None))!, ballots);
        var csv = System.Text.Encoding.UTF8.GetString(TableExport.ToCsv(table));

        Assert.Equal(["Ballot", "Choices"], table.Headers);
        Assert.DoesNotContain("Mia", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(TestBot.MemberAadId, csv, StringComparison.Ordinal);
        Assert.Contains("E-commerce", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_poll_gives_the_moderator_CSV_and_Excel_links_with_named_ballots()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var card = (await driver.Bot.SendTextAsync($"export poll {poll.Id}", TestBot.ModeratorAadId)).Card();
        var table = PollExport.Table(poll, await driver.BallotsAsync(poll));

        Assert.Equal(2, card["actions"]!.AsArray().Count(a => (string?)a!["type"] == "Action.OpenUrl"));
        Assert.Equal(["Mia Member", "Data analytics"], table.Rows.Single().Take(2));
    }

    [Fact]
    public async Task Export_of_an_unknown_poll_is_refused()
    {
        await using var driver = new PollDriver();

        var replies = await driver.Bot.SendTextAsync("export poll nope42", TestBot.ModeratorAadId);

        Assert.Contains("There is no poll nope42", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polls_lists_open_and_closed_polls_with_the_outcome()
    {
        await using var driver = new PollDriver();
        var first = await driver.LaunchAsync(PollDriver.Form(question: "First question?"));
        await driver.VoteAsync(first, TestBot.MemberAadId, "2");
        await driver.CloseAsync(first);
        await driver.LaunchAsync(PollDriver.Form(question: "Second question?"));

        var text = (await driver.Bot.SendTextAsync("polls")).Card().AllText();

        Assert.Contains("Second question?", text, StringComparison.Ordinal);
        Assert.Contains("Winner: E-commerce", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Second", StringComparison.Ordinal) < text.IndexOf("First", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_digest_section_reports_launched_and_closed_polls_of_the_period()
    {
        await using var driver = new PollDriver();
        var open = await driver.LaunchAsync(PollDriver.Form(question: "Open question?"));
        var closing = await driver.LaunchAsync(PollDriver.Form(question: "Closed question?"));
        await driver.VoteAsync(closing, TestBot.MemberAadId, "3");
        await driver.CloseAsync(closing);
        var source = driver.Bot.Get<IEnumerable<IDigestSource>>().OfType<PollsDigestSource>().Single();

        var section = await source.ComposeAsync(new DigestPeriod(driver.Bot.Time.GetUtcNow().AddDays(-7), driver.Bot.Time.GetUtcNow().AddMinutes(1)), CancellationToken.None);

        Assert.NotNull(section);
        Assert.Contains($"Launched: {open.Question}", section.Lines);
        Assert.Contains("Closed: Closed question? - Winner: Green customs", section.Lines);
        Assert.Equal(PollCommands.List, section.ActionVerb);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "The condition did not become true in 5 seconds.");
    }

    private sealed class FakeTopics : ICatalogueTopicSource
    {
        public Task<IReadOnlyList<CatalogueTopic>> ListAsync(CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<CatalogueTopic>>([new CatalogueTopic("s-1", "Green customs", ["Body"], null, "suggestion")]);
    }
}
