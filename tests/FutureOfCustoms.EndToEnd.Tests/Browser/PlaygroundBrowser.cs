using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FutureOfCustoms.EndToEnd.Tests.Browser;

// The Agents Playground's own web UI in the system Chromium, driven like a person would: type into the
// message box, read what is rendered, click card buttons. Playwright never downloads a browser here.
internal sealed class PlaygroundBrowser : IAsyncDisposable
{
    internal static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private PlaygroundBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>The message box of the conversation on screen.</summary>
    public ILocator MessageBox => Page.Locator("[data-lexical-editor=\"true\"]");

    public static async Task<PlaygroundBrowser> OpenAsync(Uri playground, TimeSpan actionTimeout)
    {
        ToolPaths.Require(RequiredTool.Chromium);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ToolPaths.Chromium,
                Headless = true,
                Args = ChromiumFlags,
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            context.SetDefaultTimeout((float)actionTimeout.TotalMilliseconds);

            // The UI asks a CDN for fonts: nothing may leave the machine.
            await context.RouteAsync("**/*", route => new Uri(route.Request.Url).Host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.GotoAsync(playground.ToString());
            var opened = new PlaygroundBrowser(playwright, browser, context, page);
            await opened.MessageBox.WaitForAsync();
            return opened;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright.Dispose();
            throw;
        }
    }

    public async Task SayAsync(string text)
    {
        await MessageBox.ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>The latest bot message whose rendered text matches; waits for it to appear.</summary>
    public async Task<ILocator> BotMessageAsync(string text, TimeSpan? timeout = null) =>
        await WaitAsync(Page.Locator(".fai-OutputCard").Filter(new LocatorFilterOptions { HasText = text }).Last, timeout);

    /// <summary>The latest bot message in plain text (no card) whose text matches; waits for it to appear.</summary>
    public async Task<ILocator> BotTextAsync(string text, TimeSpan? timeout = null) =>
        await WaitAsync(Page.Locator(".fai-OutputCard").Filter(new LocatorFilterOptions { HasText = text, HasNot = Page.Locator(".ac-adaptiveCard") }).Last, timeout);

    /// <summary>The latest Adaptive Card that shows <paramref name="text"/> and, when given, a button named <paramref name="button"/>.</summary>
    public async Task<ILocator> CardAsync(string text, string? button = null, TimeSpan? timeout = null)
    {
        var cards = Page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = text });
        if (button is not null)
        {
            cards = cards.Filter(new LocatorFilterOptions { Has = Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }) });
        }

        return await WaitAsync(cards.Last, timeout);
    }

    public static Task ClickButtonAsync(ILocator card, string name) =>
        card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = name, Exact = true }).ClickAsync();

    public static Task FillAsync(ILocator card, string labelStart, string value) =>
        card.GetByLabel(new Regex("^" + Regex.Escape(labelStart))).First.FillAsync(value);

    public static Task ChooseAsync(ILocator card, string choice) =>
        card.GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { Name = choice, Exact = true }).CheckAsync();

    /// <summary>A screenshot of the page with <paramref name="subject"/> scrolled into view, under artifacts/screenshots.</summary>
    public async Task<string> ScreenshotAsync(string name, ILocator? subject = null)
    {
        if (subject is not null)
        {
            await subject.ScrollIntoViewIfNeededAsync();
        }

        var path = Path.Combine(ToolPaths.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static async Task<ILocator> WaitAsync(ILocator locator, TimeSpan? timeout)
    {
        await locator.WaitForAsync(new LocatorWaitForOptions { Timeout = timeout is null ? null : (float)timeout.Value.TotalMilliseconds });
        return locator;
    }
}
