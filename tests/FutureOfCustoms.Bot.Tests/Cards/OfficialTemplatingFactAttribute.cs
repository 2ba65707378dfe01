using System.Diagnostics;

namespace FutureOfCustoms.Bot.Tests.Cards;

/// <summary>
/// A fact that needs node and tools/node/node_modules (npm ci --prefix tools/node). Skipped with the reason when
/// they are missing, except on CI (CI=true), where a missing tool must fail rather than hide the cross-check.
/// </summary>
public sealed class OfficialTemplatingFactAttribute : FactAttribute
{
    public OfficialTemplatingFactAttribute()
    {
        Skip = ToolPaths.SkipUnlessCi(OfficialTemplating.MissingReason);
    }
}

/// <summary>Runs tools/node/expand-card.mjs: the official adaptivecards-templating library.</summary>
internal static class OfficialTemplating
{
    public static string? MissingReason { get; } = FindMissingReason();

    public static string Expand(string templatePath, string dataPath)
    {
        Assert.Null(MissingReason);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(ToolPaths.RepoRoot, "tools", "node", "expand-card.mjs"));
        start.ArgumentList.Add(templatePath);
        start.ArgumentList.Add(dataPath);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, $"expand-card.mjs failed: {error}");
        return output.Result;
    }

    private static string? FindMissingReason()
    {
        if (!Directory.Exists(Path.Combine(ToolPaths.RepoRoot, "tools", "node", "node_modules", "adaptivecards-templating")))
        {
            return "tools/node/node_modules is missing: run npm ci --prefix tools/node to cross-check against the official templating library.";
        }

        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            node.WaitForExit();
            return node.ExitCode == 0 ? null : "node --version failed.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not on the PATH: install Node.js to cross-check against the official templating library.";
        }
    }
}
