using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FutureOfCustoms.EndToEnd.Tests.Browser;

/// <summary>
/// The moderator's first hour in the Playground's web UI (headless Chromium): the help grouped by feature with the
/// moderators' section, and the digest preview in English and, one click later, in French. Screenshots go to
/// artifacts/screenshots as evidence of what the moderator saw.
/// </summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class FirstHourBrowserTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(20);

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules, RequiredTool.Chromium)]
    public async Task The_moderator_sees_help_grouped_by_feature_and_a_digest_in_both_languages()
    {
        await fixture.Playground.SendCustomActivityAsync(await fixture.Playground.GetActivityTemplateAsync(PlaygroundUsers.TeamId, "botAdded"));
        await using var browser = await PlaygroundBrowser.OpenAsync(fixture.Playground.BaseUri, ActionTimeout);
        try
        {
            await browser.SayAsync("help");
            var help = await browser.CardAsync("For moderators");
            var helpText = await help.InnerTextAsync();
            Assert.Contains("Questions on the documents", helpText, StringComparison.Ordinal);
            Assert.Contains("Weekly digest", helpText, StringComparison.Ordinal);
            await browser.ScreenshotAsync("first-hour-1-help-grouped", help);

            await browser.SayAsync("digest");
            var digest = await browser.CardAsync("Digest of the Future of Customs group", button: "Français · English");
            await browser.ScreenshotAsync("first-hour-2-digest-english", digest);
            await PlaygroundBrowser.ClickButtonAsync(digest, "Français · English");

            // The card's English text is hidden now, so it is found again by what it still shows.
            var french = await browser.CardAsync("Synthèse du groupe Avenir de la douane", button: "Français · English");
            Assert.False(await french.GetByText("Digest of the Future of Customs group").First.IsVisibleAsync());
            await browser.ScreenshotAsync("first-hour-3-digest-french", french);
        }
        catch
        {
            await browser.ScreenshotAsync("first-hour-failure");
            throw;
        }
    }
}
