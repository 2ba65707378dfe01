using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Tests.Cards;

public sealed class CardTemplatesTests
{
    private static readonly string CardsFolder = Path.Combine(ToolPaths.RepoRoot, "cards");

    [Fact]
    public void Every_template_has_sample_data()
    {
        var names = CardRenderer.TemplateFiles(CardsFolder).Select(path => Path.GetFileNameWithoutExtension(path)).ToList();

        var withoutData = names.Where(name => !File.Exists(Path.Combine(CardsFolder, name + ".data.json"))).ToList();

        Assert.NotEmpty(names);
        Assert.Empty(withoutData);
    }

    [OfficialTemplatingFact]
    public void Every_template_renders_its_sample_data_as_the_official_library_does()
    {
        var renderer = new CardRenderer(Options.Create(new CardOptions { TemplatePath = CardsFolder }));
        var differences = new List<string>();

        foreach (var name in renderer.TemplateNames)
        {
            var dataPath = Path.Combine(CardsFolder, name + ".data.json");
            var expected = JsonNode.Parse(OfficialTemplating.Expand(Path.Combine(CardsFolder, name + ".json"), dataPath));
            var actual = renderer.Render(name, JsonNode.Parse(File.ReadAllText(dataPath))!);
            if (!JsonNode.DeepEquals(expected, actual))
            {
                differences.Add($"{name}:\n  official: {expected?.ToJsonString()}\n  ours:     {actual.ToJsonString()}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
