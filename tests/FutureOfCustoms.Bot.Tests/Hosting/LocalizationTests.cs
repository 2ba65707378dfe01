using System.Xml.Linq;

namespace FutureOfCustoms.Bot.Tests.Hosting;

public sealed class LocalizationTests
{
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ToolPaths.RepoRoot, "src"), "*.resx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".fr.resx", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(ToolPaths.RepoRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_english_string_has_a_french_translation(string englishFile)
    {
        var english = Strings(Path.Combine(ToolPaths.RepoRoot, englishFile));
        var frenchFile = Path.ChangeExtension(Path.Combine(ToolPaths.RepoRoot, englishFile), ".fr.resx");

        var french = Strings(frenchFile);

        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.All(french, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in French"));
        Assert.All(english.Where(e => e.Value.Contains('{', StringComparison.Ordinal)), pair =>
            Assert.Equal(Placeholders(pair.Value), Placeholders(french[pair.Key])));
    }

    private static Dictionary<string, string> Strings(string path)
        => XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? string.Empty);

    // Distinct: a plural value ("{0} vote|{0} votes") repeats its placeholders once per form, and French may
    // need one form where English needs two ("{0} fois").
    private static string[] Placeholders(string text)
        => [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];
}
