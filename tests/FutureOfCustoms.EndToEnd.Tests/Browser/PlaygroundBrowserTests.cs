using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FutureOfCustoms.EndToEnd.Tests.Browser;

/// <summary>
/// What a person sees in the Agents Playground's web UI (headless Chromium): a cited answer, the suggestion
/// card filled and submitted, a poll created in its dialog (preview, launch), voted on by clicking, and its results. The Playground's user is the
/// moderator, who may create polls. Screenshots go to artifacts/screenshots.
/// </summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class PlaygroundBrowserTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(45);

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules, RequiredTool.Chromium)]
    public async Task In_the_browser_the_moderator_sees_a_cited_answer_submits_a_suggestion_and_votes_on_a_poll_by_clicking()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        await using var browser = await PlaygroundBrowser.OpenAsync(fixture.Playground.BaseUri, ActionTimeout);
        try
        {
            // A question: Teams shows the answer first, the passage's sentences with their citation marker, then the card.
            await browser.SayAsync("What does the VWG FC say about e-commerce?");
            var cited = await browser.BotTextAsync("de minimis", FirstAnswerTimeout);
            var answer = await browser.BotMessageAsync("From the group's documents");
            Assert.Equal("1", await cited.GetByRole(AriaRole.Button).First.InnerTextAsync());
            Assert.Contains("Annex I > Fast-changing landscape > Input by the VWG FC > E-commerce", await answer.InnerTextAsync(), StringComparison.Ordinal);
            await browser.ScreenshotAsync("browser-1-cited-answer", answer);

            // `suggest`: the card filled in like a member would, and the confirmation it turns into.
            await browser.SayAsync("suggest");
            var form = await browser.CardAsync("Suggest a topic", button: "Submit");
            var title = $"Quantum resistant seals for transit manifests {run}";
            await PlaygroundBrowser.FillAsync(form, "Title", title);
            await PlaygroundBrowser.FillAsync(form, "Why it matters", "Electronic seals on transit consignments must stay trustworthy for decades.");
            await PlaygroundBrowser.ChooseAsync(form, "A research area no WCO committee covers yet");
            await PlaygroundBrowser.FillAsync(form, "Proposing administration", "Customs Administration of Testland");
            await browser.ScreenshotAsync("browser-2-suggestion-form", form);
            await PlaygroundBrowser.ClickButtonAsync(form, "Submit");
            var confirmation = await browser.CardAsync("your suggestion is stored as #");
            Assert.Contains(title, await confirmation.InnerTextAsync(), StringComparison.Ordinal);
            await browser.ScreenshotAsync("browser-3-suggestion-stored", confirmation);

            // `poll`: the typed command posts only a button that opens the creation dialog. The Playground does not
            // open task/fetch dialogs (it says so under the card); it opens the same dialog for the message extension's
            // action command, which a person triggers from the compose box.
            var question = $"Which topic first {run}";
            await browser.SayAsync("poll");
            var launcher = await browser.CardAsync("preparing a poll", button: "Create a poll");
            await browser.ScreenshotAsync("browser-4-poll-launcher", launcher);
            var position = fixture.Playground.Stream.Position;
            await browser.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Trigger Message Extension App" }).ClickAsync();
            await browser.Page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Action Command" }).ClickAsync();
            await browser.Page.GetByPlaceholder("Input command id or leave blanks").FillAsync(Polls.PollDialog.CommandId);
            await browser.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create", Exact = true }).ClickAsync();
            var dialog = await browser.CardAsync("Only you see this dialog", button: "Preview");
            await PlaygroundBrowser.FillAsync(dialog, "Question", question);
            await dialog.Locator("textarea").First.FillAsync("Data analytics\nE-commerce\nGreen customs");
            await browser.ScreenshotAsync("browser-5-poll-dialog", dialog);
            await PlaygroundBrowser.ClickButtonAsync(dialog, "Preview");
            var preview = await browser.CardAsync(question, button: "Launch");
            Assert.Contains("Preview: only you see it", await preview.InnerTextAsync(), StringComparison.Ordinal);
            await browser.ScreenshotAsync("browser-6-poll-preview", preview);
            await PlaygroundBrowser.ClickButtonAsync(preview, "Launch");
            var posted = await fixture.Playground.Stream.WaitForMessageAsync(m => m.Action == "createMessage" && m.Message.ToJsonString().Contains(question, StringComparison.Ordinal), ActionTimeout, position, "the poll card");
            var pollId = Polls.PollDialog.PollId(posted.Message);
            await browser.Page.Keyboard.PressAsync("Escape");

            // Voting by clicking a choice and the Vote button.
            var poll = await browser.CardAsync(question, button: "Vote");
            Assert.Contains("launched by", await poll.InnerTextAsync(), StringComparison.Ordinal);
            await browser.ScreenshotAsync("browser-7-poll-card", poll);
            await PlaygroundBrowser.ChooseAsync(poll, "Data analytics · 0 votes, 0%");
            await PlaygroundBrowser.ClickButtonAsync(poll, "Vote");
            var voted = await browser.CardAsync(question, button: "Change vote");
            Assert.Matches(new Regex("You voted.*Data analytics"), await voted.InnerTextAsync());
            Assert.Contains("1 of 1 members has voted", await voted.InnerTextAsync(), StringComparison.Ordinal);
            await browser.ScreenshotAsync("browser-8-poll-voted", voted);

            // Closed (confirmed): the poll card ranks the options, and the results card is drawn as Teams' donut chart.
            await fixture.Playground.InvokeAsync(PlaygroundUsers.PersonalChatId, posted.MessageId!, "poll.close", new System.Text.Json.Nodes.JsonObject { ["pollId"] = pollId, ["confirm"] = "true" });
            var closed = await browser.CardAsync("Rank 1: Data analytics · 1 vote, 100%");
            Assert.Contains("Rank 2: Green customs · 0 votes, 0%", await closed.InnerTextAsync(), StringComparison.Ordinal);
            var results = await browser.CardAsync("Winner: Data analytics");
            Assert.Contains("1 of 1 members has voted", await results.InnerTextAsync(), StringComparison.Ordinal);
            Assert.True(await results.Locator("svg, canvas").CountAsync() > 0, "The results card has no chart drawn.");
            await browser.ScreenshotAsync("browser-9-poll-results", results);
        }
        catch
        {
            await browser.ScreenshotAsync("browser-failure");
            throw;
        }
    }
}
