namespace FutureOfCustoms.Testing;

public enum RequiredTool
{
    Node,
    NodeModules,
    Chromium,
}

// Everything is located relative to the repository root so the tests work from any clone and any
// build configuration, without environment variables to set.
public static class ToolPaths
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);

    public static string RepoRoot => LazyRepoRoot.Value;

    public static string NodeModules => Path.Combine(RepoRoot, "tools", "node", "node_modules");

    public static string PlaygroundCli => Path.Combine(NodeModules, "@microsoft", "m365agentsplayground", "cli.js");

    public static string AzuriteBlobMain => Path.Combine(NodeModules, "azurite", "dist", "src", "blob", "main.js");

    public static string AzuriteTableMain => Path.Combine(NodeModules, "azurite", "dist", "src", "table", "main.js");

    public static string Chromium => ChromiumPath;

    public static string Artifacts => Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "e2e")).FullName;

    // Beside the logs, not inside them: CI keeps these as evidence of what a member saw.
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "screenshots")).FullName;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The one rule for a test whose tool is missing (<paramref name="whyMissing"/> non-null): on a developer machine
    /// it is skipped with the reason; on CI (CI=true) it runs and fails, so CI never goes green by testing nothing.
    /// Null: run the test.
    /// </summary>
    public static string? SkipUnlessCi(string? whyMissing) =>
        IsCi || whyMissing is null ? null : $"{whyMissing}. Set CI=true to turn this skip into a failure.";

    /// <summary><see cref="SkipUnlessCi(string?)"/> for the tools of <see cref="RequiredTool"/>.</summary>
    public static string? SkipUnlessCi(IEnumerable<RequiredTool> tools) => SkipUnlessCi(WhyMissing(tools));

    public static string? Node => FindOnPath("node");

    // Null when the tool is present; otherwise a sentence saying what is missing and how to get it.
    public static string? WhyMissing(RequiredTool tool) => tool switch
    {
        RequiredTool.Node => Node is null ? "node is not on PATH (install Node.js 20)" : null,
        RequiredTool.NodeModules => File.Exists(PlaygroundCli) && File.Exists(AzuriteBlobMain)
            ? null
            : $"{NodeModules} is missing or incomplete (run: npm ci --prefix tools/node)",
        RequiredTool.Chromium => File.Exists(Chromium) ? null : $"{Chromium} is missing (run: apt-get install -y chromium)",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    public static string? WhyMissing(IEnumerable<RequiredTool> tools)
    {
        var reasons = tools.Select(WhyMissing).OfType<string>().ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    // Fixtures call this so that, on CI, a missing tool fails every test of the collection with the reason.
    public static void Require(params RequiredTool[] tools)
    {
        var why = WhyMissing(tools);
        if (why is not null)
        {
            throw new InvalidOperationException($"End-to-end prerequisites missing: {why}.");
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FutureOfCustoms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No FutureOfCustoms.sln above {AppContext.BaseDirectory}.");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
