using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using FutureOfCustoms.EndToEnd.Tests.Scale;
using Microsoft.Playwright;

namespace FutureOfCustoms.EndToEnd.Tests.Board;

[Collection(BoardCollectionDefinition.Name)]
public sealed class BoardBrowserTests(BoardFixture fixture)
{
    private static readonly string[] Views = ["polls", "poll", "discussion", "suggestions", "moderation"];

    [E2EFact(RequiredTool.Chromium, RequiredTool.NodeModules)]
    public async Task A_vote_posted_to_the_bot_moves_the_chart_without_a_reload()
    {
        await using var browser = await BoardBrowser.LaunchAsync();
        var page = await browser.OpenAsync(fixture.Page("polls", BoardFixture.MemberAadId));
        var count = page.Locator($"[data-poll-id=\"{fixture.LivePollId}\"] li[data-option-id=\"3\"] .count");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-votes", "0");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await fixture.VoteAsync(fixture.LivePollId, BoardFixture.MemberAadId, 3);

        await Assertions.Expect(count).ToHaveAttributeAsync("data-votes", "1");
        await Assertions.Expect(count).ToHaveTextAsync("1 vote");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await BoardBrowser.ScreenshotAsync(page, "board-poll");
    }

    [E2EFact(RequiredTool.Chromium, RequiredTool.NodeModules)]
    public async Task A_member_and_a_moderator_see_different_boards()
    {
        await using var browser = await BoardBrowser.LaunchAsync();
        var member = await browser.OpenAsync(fixture.Page("polls", BoardFixture.MemberAadId));
        var moderator = await browser.OpenAsync(fixture.Page("polls", BoardFixture.ModeratorAadId));
        var memberSuggestions = await browser.OpenAsync(fixture.Page("suggestions", BoardFixture.MemberAadId));
        var moderatorSuggestions = await browser.OpenAsync(fixture.Page("suggestions", BoardFixture.ModeratorAadId));
        var memberModeration = await browser.OpenAsync(fixture.Page("moderation", BoardFixture.MemberAadId));
        var moderatorModeration = await browser.OpenAsync(fixture.Page("moderation", BoardFixture.ModeratorAadId));

        // Voters of a named poll and the moderators' section: moderators only.
        await Assertions.Expect(member.GetByText("Who voted what (moderators only)")).ToHaveCountAsync(0);
        await Assertions.Expect(moderator.GetByText("Who voted what (moderators only)").First).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Moderation" })).ToHaveCountAsync(0);
        await Assertions.Expect(moderator.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Moderation" })).ToBeVisibleAsync();
        await Assertions.Expect(memberSuggestions.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Accept" })).ToHaveCountAsync(0);
        await Assertions.Expect(moderatorSuggestions.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Accept" })).ToBeVisibleAsync();
        await Assertions.Expect(memberModeration.GetByText("This part is for moderators.")).ToBeVisibleAsync();
        await Assertions.Expect(moderatorModeration.GetByText("Next digest, as it would be posted now")).ToBeVisibleAsync();
        await BoardBrowser.ScreenshotAsync(moderatorSuggestions, "board-suggestions");
    }

    [E2EFact(RequiredTool.Chromium, RequiredTool.NodeModules)]
    public async Task The_discussion_and_the_stage_view_show_the_groups_answers_and_a_polls_live_chart()
    {
        await using var browser = await BoardBrowser.LaunchAsync();
        var discussion = await browser.OpenAsync(fixture.Page("discussion", BoardFixture.MemberAadId));
        var stage = await browser.OpenAsync(fixture.Page("poll", BoardFixture.ModeratorAadId, poll: fixture.LivePollId));

        await Assertions.Expect(discussion.GetByText("Participation: 2 delegates from 2 administrations")).ToBeVisibleAsync();
        await Assertions.Expect(discussion.GetByRole(AriaRole.Rowheader, new PageGetByRoleOptions { Name = "Customs of Freedonia" })).ToBeVisibleAsync();
        await Assertions.Expect(discussion.GetByText("Printed spare parts cross borders as files: valuation needs a rule.")).ToBeVisibleAsync();
        await Assertions.Expect(stage.Locator("body.stage .chart")).ToBeVisibleAsync();
        await BoardBrowser.ScreenshotAsync(discussion, "board-discussion");
        await BoardBrowser.ScreenshotAsync(stage, "board-stage");
    }

    [E2EFact(RequiredTool.Chromium, RequiredTool.NodeModules)]
    public async Task Every_board_page_passes_axe_in_English_and_French_light_and_dark()
    {
        await using var browser = await BoardBrowser.LaunchAsync();
        var problems = new List<string>();
        foreach (var view in Views)
        {
            foreach (var lang in new[] { "en", "fr" })
            {
                foreach (var theme in new[] { "default", "dark" })
                {
                    var page = await browser.OpenAsync(fixture.Page(view, BoardFixture.ModeratorAadId, lang, theme, view == "poll" ? fixture.LivePollId : null));
                    problems.AddRange((await BoardBrowser.AccessibilityProblemsAsync(page)).Select(p => $"{view} {lang} {theme}: {p}"));
                    await page.Context.CloseAsync();
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [E2EFact(RequiredTool.Chromium, RequiredTool.NodeModules)]
    public async Task With_an_app_id_the_board_refuses_a_request_without_a_valid_token()
    {
        await using var bot = await BotProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-used-by-this-test",
            ["MicrosoftAppTenantId"] = "99999999-8888-7777-6666-555555555555",
            ["Bot__AllowedTenants__0"] = "99999999-8888-7777-6666-555555555555",
            ["Board__ApplicationIdUri"] = "api://board.example.org/botid-11111111-2222-3333-4444-555555555555",
        });
        await using var browser = await BoardBrowser.LaunchAsync();

        var page = await browser.OpenAsync(new Uri(bot.BaseUri, $"board/polls?conversation={Uri.EscapeDataString(TeamsActivityClient.ChannelId)}&as={BoardFixture.ModeratorAadId}"), expected: "error");
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/board/api/polls', { headers: { Authorization: 'Bearer forged.token.here' } })).status");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You could not be signed in. Open the board from the group's team in Teams.");
        Assert.Equal(401, status);
    }

    [E2EFact(RequiredTool.NodeModules)]
    public void The_Teams_library_the_bot_ships_is_the_pinned_npm_package()
    {
        var shipped = Path.Combine(ToolPaths.RepoRoot, "src", "FutureOfCustoms.Bot", "Board", "wwwroot", "lib", "teams-js", "MicrosoftTeams.min.js");
        var pinned = Path.Combine(ToolPaths.NodeModules, "@microsoft", "teams-js", "dist", "umd", "MicrosoftTeams.min.js");

        Assert.Equal(File.ReadAllBytes(pinned), File.ReadAllBytes(shipped));
    }
}
