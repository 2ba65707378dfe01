using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>Creating a poll in a dialog (task module): only the moderator sees the form and the preview; the conversation sees the launched poll.</summary>
public sealed class PollDialogTests
{
    [Fact]
    public async Task Poll_typed_in_the_channel_posts_no_form_only_a_button_that_opens_the_dialog()
    {
        await using var driver = new PollDriver();

        var card = (await driver.Bot.SendTextAsync("poll", TestBot.ModeratorAadId, ConversationKind.Channel)).Card();

        Assert.DoesNotContain("\"Input.", card.ToJsonString(), StringComparison.Ordinal);
        var button = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("task/fetch", (string?)button["data"]!["msteams"]!["type"]);
        Assert.Equal(PollCommands.Dialog, (string?)button["data"]!["verb"]);
    }

    [Fact]
    public async Task The_dialog_previews_with_Edit_and_Launch_Edit_refills_the_form_and_Launch_posts_only_the_poll()
    {
        await using var driver = new PollDriver();
        var opened = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Dialog });
        var key = PollDriver.DialogKey(opened.Card!);

        var preview = await driver.PreviewAsync(PollDriver.Form(question: "Which topic first?", closeDate: "2026-11-30", closeTime: "17:00"), key);
        var draft = Assert.Single(await driver.Store.ListAsync(CancellationToken.None));
        var edit = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Edit, ["pollId"] = draft.Id });
        var launched = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = draft.Id });

        Assert.Equal("New poll", opened.Title);
        Assert.Equal(["Edit", "Launch"], preview.Card!["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Contains("Which topic first?", edit.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"value\":\"Data analytics\\nE-commerce\\nGreen customs\"", edit.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2026-11-30\"", edit.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"value\":\"17:00\"", edit.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(key, PollDriver.DialogKey(edit.Card));
        Assert.Contains("The poll is posted", launched.Message, StringComparison.Ordinal);
        Assert.Empty(opened.Posted.Concat(preview.Posted).Concat(edit.Posted).Concat(launched.Posted));
        var (_, poll) = Assert.Single(driver.Messenger.Sent);
        Assert.Contains("Which topic first?", poll.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dialog_submitted_twice_makes_one_draft_and_launches_once()
    {
        await using var driver = new PollDriver();
        var key = PollDraft.NewDialogKey();

        await driver.PreviewAsync(PollDriver.Form(question: "First wording?"), key);
        await driver.PreviewAsync(PollDriver.Form(question: "Second wording?"), key);
        var draft = Assert.Single(await driver.Store.ListAsync(CancellationToken.None));
        var first = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = draft.Id });
        var second = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = draft.Id });
        var previewAfterLaunch = await driver.PreviewAsync(PollDriver.Form(question: "Third wording?"), key);

        Assert.Equal("Second wording?", draft.Question);
        Assert.Contains("is posted", first.Message, StringComparison.Ordinal);
        Assert.Contains("already been launched", second.Message, StringComparison.Ordinal);
        Assert.Contains("already been launched", previewAfterLaunch.Message, StringComparison.Ordinal);
        Assert.Single(driver.Messenger.Sent);
        Assert.Equal("Second wording?", Assert.Single(await driver.Store.ListAsync(CancellationToken.None)).Question);
    }

    [Fact]
    public async Task A_poll_launched_from_the_card_poll_posted_takes_that_cards_place()
    {
        await using var driver = new PollDriver();
        var opened = await driver.DialogAsync("task/fetch", new JsonObject { ["verb"] = PollCommands.Dialog, ["launcher"] = "true" }, cardActivityId: "launcher-7");
        var key = PollDriver.DialogKey(opened.Card!);
        var data = PollDriver.Form();
        data["verb"] = PollCommands.Preview;
        data["dialogKey"] = key;
        data["launcherId"] = (string?)opened.Card!["actions"]![0]!["data"]!["launcherId"];
        await driver.DialogAsync("task/submit", data);
        var draft = Assert.Single(await driver.Store.ListAsync(CancellationToken.None));

        await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = draft.Id });

        Assert.Empty(driver.Messenger.Sent);
        var (_, messageId, card) = Assert.Single(driver.Messenger.Updated);
        Assert.Equal("launcher-7", messageId);
        Assert.Contains(draft.Question, card.Card!.AllText(), StringComparison.Ordinal);
        Assert.Equal("launcher-7", (await driver.Store.GetAsync(draft.Id, CancellationToken.None))!.MessageId);
    }

    [Fact]
    public async Task A_dialog_submitted_for_another_conversation_is_refused_and_the_draft_stays_a_draft()
    {
        await using var driver = new PollDriver();
        await driver.PreviewAsync(PollDriver.Form(), PollDraft.NewDialogKey(), kind: ConversationKind.Channel);
        var draft = Assert.Single(await driver.Store.ListAsync(CancellationToken.None));

        var launch = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = draft.Id }, kind: ConversationKind.GroupChat);
        var edit = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Edit, ["pollId"] = draft.Id }, kind: ConversationKind.GroupChat);
        var preview = await driver.PreviewAsync(PollDriver.Form(question: "Hijacked?"), draft.DialogKey!, kind: ConversationKind.GroupChat);

        Assert.All([launch, edit, preview], step => Assert.Contains("another conversation", step.Message, StringComparison.Ordinal));
        var unchanged = Assert.Single(await driver.Store.ListAsync(CancellationToken.None));
        Assert.Equal(PollStatus.Draft, unchanged.Status);
        Assert.Equal(draft.Question, unchanged.Question);
        Assert.Empty(driver.Messenger.Sent);
    }

    [Fact]
    public async Task A_forged_dialog_key_or_poll_id_is_refused_and_stores_nothing()
    {
        await using var driver = new PollDriver();

        var forgedKey = await driver.PreviewAsync(PollDriver.Form(), "not-a-key");
        var forgedId = await driver.DialogAsync("task/submit", new JsonObject { ["verb"] = PollCommands.Launch, ["pollId"] = "zzzzzz" });

        Assert.Contains("not one the bot opened", forgedKey.Message, StringComparison.Ordinal);
        Assert.Contains("There is no poll zzzzzz", forgedId.Message, StringComparison.Ordinal);
        Assert.Empty(await driver.Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Bad_input_in_the_dialog_is_answered_in_the_dialog_and_stores_nothing()
    {
        await using var driver = new PollDriver();

        var step = await driver.PreviewAsync(PollDriver.Form(options: "Only one"), PollDraft.NewDialogKey());

        Assert.Contains("2 to 10", step.Message, StringComparison.Ordinal);
        Assert.Empty(step.Posted);
        Assert.Empty(await driver.Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_message_extension_action_opens_the_same_dialog_and_its_preview()
    {
        await using var driver = new PollDriver();

        var opened = await driver.DialogAsync("composeExtension/fetchTask", new JsonObject { ["commandId"] = PollCommands.Dialog });
        var data = PollDriver.Form();
        data["verb"] = PollCommands.Preview;
        data["dialogKey"] = PollDriver.DialogKey(opened.Card!);
        data["launcherId"] = string.Empty;
        var preview = await driver.DialogAsync("composeExtension/submitAction", data);

        Assert.Equal("New poll", opened.Title);
        Assert.Contains("Launch", preview.Card!.AllText(), StringComparison.Ordinal);
        Assert.Equal(PollStatus.Draft, Assert.Single(await driver.Store.ListAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task The_message_extension_action_from_a_member_says_it_is_for_moderators()
    {
        await using var driver = new PollDriver();

        var opened = await driver.DialogAsync("composeExtension/fetchTask", new JsonObject { ["commandId"] = PollCommands.Dialog }, TestBot.MemberAadId);

        Assert.Contains("only the group's moderators", opened.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_card_offers_moderators_a_Create_a_poll_button_and_members_none()
    {
        await using var driver = new PollDriver();

        var moderator = (await driver.Bot.SendTextAsync("help", TestBot.ModeratorAadId)).Card();
        var member = (await driver.Bot.SendTextAsync("help", TestBot.MemberAadId)).Card();

        var button = Assert.Single(moderator["actions"]!.AsArray(), a => (string?)a!["title"] == "Create a poll")!;
        Assert.Equal("task/fetch", (string?)button["data"]!["msteams"]!["type"]);
        Assert.DoesNotContain("Create a poll", member.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_welcome_card_has_a_Create_a_poll_button_that_opens_the_dialog()
    {
        await using var driver = new PollDriver();

        var welcome = (await driver.Bot.AddToTeamAsync()).Card();

        var button = Assert.Single(welcome["actions"]!.AsArray(), a => (string?)a!["title"] == "Create a poll")!;
        Assert.Equal(PollCommands.Dialog, (string?)button["data"]!["verb"]);
        Assert.Equal("task/fetch", (string?)button["data"]!["msteams"]!["type"]);
    }
}
