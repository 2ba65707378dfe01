using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Bot;

/// <summary>
/// The README's "Chat with it locally" section, followed as a newcomer would: its Playground command line
/// (only the two ports changed, so parallel runs do not collide), the repository's own
/// <c>.m365agentsplayground.yml</c>, the bot under its Development settings, and every "Type `...`" step.
/// </summary>
public sealed partial class ReadmeTests
{
    private const string Section = "## Chat with it locally";

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task The_readme_playground_steps_work_as_written_and_make_the_local_user_a_moderator()
    {
        var readme = ReadSection();
        var command = PlaygroundCommand(readme);
        var steps = StepRegex().Matches(readme).Select(m => m.Groups["text"].Value).ToList();
        Assert.Contains("help", steps);

        // The same settings `dotnet run` uses (launchSettings.json), with the data in a temporary folder.
        await using var bot = await BotProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        });
        var port = FreePort.Pick();
        var workingDirectory = Directory.CreateDirectory(Path.Combine(ToolPaths.Artifacts, $"readme-playground-{port}")).FullName;
        File.Copy(Path.Combine(ToolPaths.RepoRoot, ".m365agentsplayground.yml"), Path.Combine(workingDirectory, ".m365agentsplayground.yml"), overwrite: true);
        var config = new PlaygroundConfig(File.ReadAllText(Path.Combine(workingDirectory, ".m365agentsplayground.yml")));
        var arguments = command.Skip(1)
            .Select(a => a
                .Replace("http://127.0.0.1:3978", bot.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal)
                .Replace(":56150", ":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Select(a => a == "56150" ? port.ToString(CultureInfo.InvariantCulture) : a)
            .ToList();
        await using var playground = await AgentsPlayground.StartCommandAsync(
            Path.Combine(ToolPaths.RepoRoot, command[0]), arguments, port, workingDirectory, config.BotId);
        var personalChat = (string)playground.TestConfig["config"]!["personalChat"]!["id"]!;

        foreach (var step in steps)
        {
            var reply = await playground.WaitForReplyAsync(
                await playground.SendAsCurrentUserAsync(personalChat, config.CurrentUserId, step),
                m => m.Attachments.Count > 0,
                TimeSpan.FromSeconds(45));

            if (step == "help")
            {
                Assert.Contains("For moderators", reply.CardJson, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_shipped_playground_file_names_a_moderator_the_development_settings_know()
    {
        var config = new PlaygroundConfig(File.ReadAllText(Path.Combine(ToolPaths.RepoRoot, ".m365agentsplayground.yml")));
        var development = JsonNode.Parse(File.ReadAllText(Path.Combine(ToolPaths.RepoRoot, "src", "FutureOfCustoms.Bot", "appsettings.Development.json")))!;

        Assert.Equal("0.1.1", config.Version);
        Assert.True(config.UserObjectIds.Count >= 6, "the Playground needs the current user and at least five users");
        Assert.All(config.UserObjectIds, id => Assert.True(Guid.TryParse(id, out _), $"{id} is not a GUID"));
        Assert.Contains(config.CurrentUserObjectId, development["Bot"]!["Moderators"]!.AsArray().Select(m => (string?)m));
    }

    private static string ReadSection()
    {
        var readme = File.ReadAllText(Path.Combine(ToolPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no \"{Section}\" section");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    // The section's shell block, continuation lines joined; the line that starts the Playground.
    private static string[] PlaygroundCommand(string section)
    {
        var block = ShellBlockRegex().Match(section);
        Assert.True(block.Success, "the section has no ```sh block");
        var lines = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        Assert.Contains(lines, l => l.Trim() == "npm ci --prefix tools/node");
        var start = lines.Single(l => l.Contains(" start ", StringComparison.Ordinal));
        var words = start.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(File.Exists(Path.Combine(ToolPaths.RepoRoot, words[0])), $"{words[0]} is not what `npm ci --prefix tools/node` installs");
        return words;
    }

    [GeneratedRegex(@"^\d+\. Type `(?<text>[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex StepRegex();

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlockRegex();

    // Just the fields these tests need, read from the Playground's YAML without a YAML library.
    private sealed partial class PlaygroundConfig(string yaml)
    {
        public string Version => Field("version");

        public string BotId => Section("bot").Single(l => l.Key == "id").Value;

        public string CurrentUserId => Section("currentUser").Single(l => l.Key == "id").Value;

        public string CurrentUserObjectId => Section("currentUser").Single(l => l.Key == "aadObjectId").Value;

        public IReadOnlyList<string> UserObjectIds =>
            [CurrentUserObjectId, .. Section("users").Where(l => l.Key == "aadObjectId").Select(l => l.Value)];

        private string Field(string key) => Lines().Single(l => l.Indent == 0 && l.Key == key).Value;

        private IEnumerable<(string Key, string Value, int Indent)> Section(string key) =>
            Lines().SkipWhile(l => !(l.Indent == 0 && l.Key == key)).Skip(1).TakeWhile(l => l.Indent > 0);

        private IEnumerable<(string Key, string Value, int Indent)> Lines() =>
            yaml.Split('\n')
                .Where(l => !l.TrimStart().StartsWith('#') && l.Contains(':', StringComparison.Ordinal))
                .Select(l => LineRegex().Match(l))
                .Where(m => m.Success)
                .Select(m => (m.Groups["key"].Value, m.Groups["value"].Value.Trim().Trim('"'), m.Groups["indent"].Length));

        [GeneratedRegex(@"^(?<indent>[ -]*)(?<key>[A-Za-z]+):\s*(?<value>.*)$")]
        private static partial Regex LineRegex();
    }
}
