using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>One card, each viewer's own view: header, options once, "You voted", moderator buttons, Manage and the close confirmation.</summary>
public sealed class PollViewTests
{
    [Fact]
    public async Task The_card_is_headed_by_the_group_Poll_and_who_launched_it_never_by_the_poll_id()
    {
        await using var driver = new PollDriver();

        var poll = await driver.LaunchAsync();

        var shared = driver.Messenger.Sent.Single().Message.Card!;
        var header = (string?)shared["body"]![0]!["text"];
        Assert.Equal("WCO VWG Future of Customs · Poll · launched by Matome Moderator", header);
        Assert.DoesNotContain(poll.Id, shared.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_closing_time_is_shown_in_the_viewers_time_zone()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(closeDate: "2026-11-30", closeTime: "17:00", timeZone: "Europe/Brussels"));

        var nairobi = await RefreshAsync(driver, poll, TestBot.MemberAadId, timeZone: "Africa/Nairobi");
        var unknownZone = await RefreshAsync(driver, poll, TestBot.MemberAadId, timeZone: "Mars/Olympus");

        Assert.Contains("Open until 2026-11-30 19:00 Africa/Nairobi", nairobi.AllText(), StringComparison.Ordinal);
        Assert.Contains("Open until 2026-11-30 17:00 Europe/Brussels", unknownZone.AllText(), StringComparison.Ordinal);
        Assert.Contains("Open until 2026-11-30 17:00 Europe/Brussels", driver.Messenger.Sent.Single().Message.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_option_is_shown_once_on_the_shared_card_the_voters_view_and_the_closed_card()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var view = (await driver.VoteAsync(poll, TestBot.MemberAadId, "2")).InvokeCard();
        await driver.CloseAsync(poll);

        var shared = driver.Messenger.Sent.First().Message.Card!;
        var closed = driver.Messenger.Updated.Last().Message.Card!;
        foreach (var card in new[] { shared, view, closed })
        {
            Assert.Single(card.AllText().Split('\n'), line => line.Contains("Green customs", StringComparison.Ordinal));
        }

        Assert.Contains("E-commerce · 1 vote, 100%", view.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_voter_sees_You_voted_and_Change_vote_in_the_response_and_in_every_refresh_after_a_shared_update()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var response = (await driver.VoteAsync(poll, TestBot.MemberAadId, "1")).InvokeCard();
        driver.Bot.Time.Advance(TimeSpan.FromSeconds(3));
        await driver.Messenger.FirstUpdate.WaitAsync(TimeSpan.FromSeconds(30));
        var shared = driver.Messenger.Updated.Single().Message.Card!;
        var refreshed = await RefreshAsync(driver, poll, TestBot.MemberAadId);

        Assert.Contains("You voted: Data analytics", response.AllText(), StringComparison.Ordinal);
        Assert.Contains("Change vote", response.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("You voted", shared.AllText(), StringComparison.Ordinal);
        Assert.Contains($"29:{TestBot.MemberAadId}", shared["refresh"]!["userIds"]!.AsArray().Select(id => (string?)id));
        Assert.Contains("You voted: Data analytics", refreshed.AllText(), StringComparison.Ordinal);
        Assert.Contains("Change vote", refreshed.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_Remind_and_Export_are_only_in_moderators_views_and_the_shared_card_has_one_Manage_button()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var moderator = await RefreshAsync(driver, poll, TestBot.ModeratorAadId);
        var member = await RefreshAsync(driver, poll, TestBot.MemberAadId);
        var shared = driver.Messenger.Sent.Single().Message.Card!;

        Assert.Equal(["Vote", "Close poll", "Remind non-voters", "Export ballots"], Titles(moderator));
        Assert.All(moderator["actions"]!.AsArray().Skip(1), a => Assert.Equal("task/fetch", (string?)a!["data"]!["msteams"]!["type"]));
        Assert.Equal(["Vote"], Titles(member));
        Assert.Equal(["Vote", "Manage"], Titles(shared));
    }

    [Fact]
    public async Task Manage_opens_the_moderators_dialog_and_a_member_is_told_it_is_for_moderators_without_any_change()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        var moderator = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Manage, ["pollId"] = poll.Id });
        var member = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Manage, ["pollId"] = poll.Id }, TestBot.MemberAadId);

        Assert.Equal(["Close poll", "Remind non-voters", "Export ballots"], Titles(moderator.Card!));
        Assert.Contains("only the group's moderators", member.Message, StringComparison.Ordinal);
        Assert.Equal(PollStatus.Open, (await driver.Store.GetAsync(poll.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Close_asks_for_confirmation_with_the_turnout_and_closes_only_when_confirmed()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var question = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id });
        var stillOpen = (await driver.Store.GetAsync(poll.Id, CancellationToken.None))!.Status;
        var closed = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Close, ["pollId"] = poll.Id, ["confirm"] = "true" });

        Assert.Contains("Close now? 1 of 3 members has voted.", question.Card!.AllText(), StringComparison.Ordinal);
        Assert.Equal(["Close now"], Titles(question.Card!));
        Assert.Equal(PollStatus.Open, stillOpen);
        Assert.Contains("The poll is closed and the results are posted", closed.Message, StringComparison.Ordinal);
        Assert.Equal(PollStatus.Closed, (await driver.Store.GetAsync(poll.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Export_and_Remind_from_the_moderators_view_answer_in_the_dialog()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var export = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Export, ["pollId"] = poll.Id });
        var remind = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Remind, ["pollId"] = poll.Id });

        Assert.Equal(2, export.Card!["actions"]!.AsArray().Count(a => (string?)a!["type"] == "Action.OpenUrl"));
        Assert.Equal("Reminding 2 members who have not voted yet.", remind.Message);
        Assert.Empty(export.Posted.Concat(remind.Posted));
    }

    private static List<string?> Titles(JsonObject card) => [.. card["actions"]!.AsArray().Select(a => (string?)a!["title"])];

    /// <summary>The refresh Teams makes for a listed member, from a client reporting <paramref name="timeZone"/>.</summary>
    internal static async Task<JsonObject> RefreshAsync(PollDriver driver, Poll poll, string aadObjectId, string? timeZone = null)
    {
        var activity = driver.Bot.NewActivity(Microsoft.Bot.Schema.ActivityTypes.Invoke, aadObjectId, ConversationKind.Channel);
        activity.Name = "adaptiveCard/action";
        activity.Value = JObject.FromObject(new { action = new { type = "Action.Execute", verb = PollCards.RefreshVerb, data = new { pollId = poll.Id } }, trigger = "automatic" });
        if (timeZone is not null)
        {
            var clientInfo = new Microsoft.Bot.Schema.Entity("clientInfo");
            clientInfo.Properties["locale"] = "en-US";
            clientInfo.Properties["timezone"] = timeZone;
            activity.Entities = [clientInfo];
        }

        return (await driver.Bot.RunAsync(activity)).InvokeCard();
    }
}
