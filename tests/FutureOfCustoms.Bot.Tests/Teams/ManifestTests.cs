using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class ManifestTests
{
    [Fact]
    public async Task Every_manifest_command_is_a_command_of_the_routing_table()
    {
        await using var bot = new TestBot();
        var catalog = bot.Get<CommandCatalog>();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ToolPaths.RepoRoot, "manifest", "manifest.json")))!;

        var titles = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(list => list!["commands"]!.AsArray())
            .Select(command => command!["title"]!.GetValue<string>())
            .ToList();

        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Contains(catalog.All, d => string.Equals(d.Text, title, StringComparison.OrdinalIgnoreCase)));
        Assert.All(manifest["bots"]![0]!["commandLists"]!.AsArray(), list => Assert.True(list!["commands"]!.AsArray().Count <= 10, "Teams shows at most 10 commands per list."));
    }

    [Fact]
    public async Task Every_french_command_title_reaches_the_same_verb_as_its_english_twin()
    {
        await using var bot = new TestBot();
        var catalog = bot.Get<CommandCatalog>();
        var root = ToolPaths.RepoRoot;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "manifest", "manifest.json")))!;
        var french = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "manifest", "fr.json")))!.AsObject();

        var pairs = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany((list, i) => list!["commands"]!.AsArray().Select((command, j) =>
                (English: command!["title"]!.GetValue<string>(), French: french[$"bots[0].commandLists[{i}].commands[{j}].title"]?.GetValue<string>())))
            .ToList();

        Assert.All(pairs, pair =>
        {
            Assert.NotNull(pair.French);
            Assert.Equal(catalog.MatchText(pair.English).Definition.Verb, catalog.MatchText(pair.French).Definition.Verb);
        });
    }

    [Theory]
    [InlineData("privacyUrl")]
    [InlineData("termsOfUseUrl")]
    public void The_manifest_links_to_pages_of_this_repository_that_exist(string link)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ToolPaths.RepoRoot, "manifest", "manifest.json")))!;
        var websiteUrl = (string)manifest["developer"]!["websiteUrl"]!;
        var url = (string)manifest["developer"]![link]!;

        var prefix = websiteUrl + "/blob/main/";
        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ToolPaths.RepoRoot, url[prefix.Length..])), $"{link} {url} names no file of the repository");
    }
}
