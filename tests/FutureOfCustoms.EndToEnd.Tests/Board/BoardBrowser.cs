using System.Text.Json;
using FutureOfCustoms.EndToEnd.Tests.Browser;
using Microsoft.Playwright;

namespace FutureOfCustoms.EndToEnd.Tests.Board;

/// <summary>The board's pages in the system Chromium, headless, with nothing allowed off this machine and axe-core at hand.</summary>
internal sealed class BoardBrowser : IAsyncDisposable
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(20);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BoardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BoardBrowser> LaunchAsync()
    {
        ToolPaths.Require(RequiredTool.Chromium, RequiredTool.NodeModules);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ToolPaths.Chromium, Headless = true, Args = PlaygroundBrowser.ChromiumFlags });
            return new BoardBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page at <paramref name="url"/>, once the board has rendered (or shown its error).</summary>
    public async Task<IPage> OpenAsync(Uri url, string expected = "true")
    {
        // The board's policy allows only its own scripts; axe is put into the page by the test, so the policy is bypassed here only.
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BypassCSP = true });
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        await context.RouteAsync("**/*", route => new Uri(route.Request.Url).Host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await page.Locator($"body[data-ready=\"{expected}\"]").WaitForAsync();
        return page;
    }

    /// <summary>axe-core's serious and critical violations on the page, one line each (empty: none).</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(ToolPaths.NodeModules, "axe-core", "axe.min.js") });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const results = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join('; ')})`));
            }
            """);
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ToolPaths.Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
