using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Tests.Cards;

public sealed class CardRendererTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cards-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CardRenderer RendererFor(string bodyJson, string name = "test")
    {
        File.WriteAllText(Path.Combine(_folder, name + ".json"), $$"""{ "type": "AdaptiveCard", "version": "1.5", "body": {{bodyJson}} }""");
        return new CardRenderer(Options.Create(new CardOptions { TemplatePath = _folder }));
    }

    private static JsonArray Body(JsonObject card) => card["body"]!.AsArray();

    [Fact]
    public void A_whole_string_binding_keeps_the_json_type_and_a_binding_inside_text_becomes_text()
    {
        var renderer = RendererFor("""[{ "type": "Input.Number", "id": "n", "value": "${count}", "isRequired": "${required}", "label": "${count} of ${total}" }]""");

        var card = renderer.Render("test", new { Count = 3, Total = 1.5, Required = true });

        Assert.Equal("""{"type":"Input.Number","id":"n","value":3,"isRequired":true,"label":"3 of 1.5"}""", Body(card)[0]!.ToJsonString());
    }

    [Fact]
    public void Data_bound_to_an_array_repeats_the_element_with_its_index_and_root()
    {
        var renderer = RendererFor("""[{ "type": "TextBlock", "$data": "${people}", "text": "${$index}. ${name} of ${$root.group}" }]""");

        var card = renderer.Render("test", new { Group = "WCO", People = new[] { new { Name = "Ana" }, new { Name = "Bo" } } });

        Assert.Equal(["0. Ana of WCO", "1. Bo of WCO"], Body(card).Select(e => e!["text"]!.GetValue<string>()));
    }

    [Fact]
    public void An_element_is_dropped_when_its_when_condition_is_false()
    {
        var renderer = RendererFor("""[{ "type": "TextBlock", "text": "a", "$when": "${!empty(items)}" }, { "type": "TextBlock", "text": "b", "$when": "${count(items) == 0 && !exists(missing)}" }]""");

        var card = renderer.Render("test", new { Items = Array.Empty<string>() });

        Assert.Equal("b", Assert.Single(Body(card))!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Text_values_are_escaped_but_input_values_are_not()
    {
        var renderer = RendererFor("""
            [{ "type": "TextBlock", "text": "**Title:** ${title}" },
             { "type": "FactSet", "facts": [{ "title": "${title}", "value": "${title}" }] },
             { "type": "Input.Text", "id": "t", "value": "${title}", "placeholder": "${title}" }]
            """);

        var card = renderer.Render("test", new { Title = "*bold* [link](http://x) <at>Bo</at>" });

        const string escaped = @"\*bold\* \[link\]\(http://x\) \<at\>Bo\</at\>";
        Assert.Equal("**Title:** " + escaped, Body(card)[0]!["text"]!.GetValue<string>());
        Assert.Equal(escaped, Body(card)[1]!["facts"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(escaped, Body(card)[1]!["facts"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("*bold* [link](http://x) <at>Bo</at>", Body(card)[2]!["value"]!.GetValue<string>());
        Assert.Equal("*bold* [link](http://x) <at>Bo</at>", Body(card)[2]!["placeholder"]!.GetValue<string>());
    }

    [Fact]
    public void An_unbound_path_is_an_error_instead_of_the_literal_text_the_official_library_shows()
    {
        var renderer = RendererFor("""[{ "type": "TextBlock", "text": "Hello ${nmae}" }]""");

        var error = Assert.Throws<CardTemplateException>(() => renderer.Render("test", new { Name = "Ana" }));

        Assert.Contains("${nmae}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${formatNumber(x, 2)}", "function 'formatNumber' is not supported")]
    [InlineData("${a + b}", "unexpected '+ b'")]
    [InlineData("${$host.x}", "'$host' is not supported")]
    [InlineData("${name", "without its closing")]
    public void An_unsupported_expression_fails_when_the_template_loads(string text, string expected)
    {
        var error = Assert.Throws<CardTemplateException>(() => RendererFor($$"""[{ "type": "TextBlock", "text": "{{text}}" }]"""));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("'test'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_when_that_is_not_an_expression_fails_when_the_template_loads()
    {
        var error = Assert.Throws<CardTemplateException>(() => RendererFor("""[{ "type": "TextBlock", "text": "a", "$when": "true" }]"""));

        Assert.Contains("'$when' must be a single ${...} expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_template_name_is_a_clear_error()
    {
        var renderer = RendererFor("[]", name: "welcome");

        var error = Assert.Throws<ArgumentException>(() => renderer.Render("welcom", new { }));

        Assert.Contains("no card template 'welcom'. Known templates: welcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_are_independent_copies()
    {
        var renderer = RendererFor("""[{ "type": "TextBlock", "text": "static" }]""");
        var first = renderer.Render("test", new { });

        Body(first)[0]!["text"] = "changed";
        var second = renderer.Render("test", new { });

        Assert.Equal("static", Body(second)[0]!["text"]!.GetValue<string>());
    }

    [OfficialTemplatingFact]
    public void Expressions_evaluate_as_in_the_official_library()
    {
        var values = new[]
        {
            "${n}", "${f}", "${flag}", "${obj}", "${arr}", "${nul}", "a${n}", "a${f}", "a${big}", "a${small}", "a${neg}", "${true}", "${7}",
            "${!z}", "${!e}", "${!nul}", "${not(z)}", "${empty(z)}", "${empty(e)}", "${empty(nul)}", "${empty(eo)}", "${empty(arr)}",
            "${count(arr)}", "${count(s)}", "${length(s)}", "${exists(nul)}", "${exists(z)}", "${if(z, 'y', 'n')}", "${if(nul, 'y', 'n')}",
            "${string(n)}", "${string(f)}", "${string(true)}", "${string(s)}", "${string(nul)}", "${join(arr, '-')}", "${concat('a', n, true)}",
            "${div(7, 2)}", "${div(7.5, 2)}", "${add(1, 2)}", "${add('a', 'b')}", "${sub(1, 0.1)}", "${mul(3, 0.1)}",
            "${n == 7}", "${n == '7'}", "${nul == null}", "${e == null}", "${s < 'y'}", "${1 < 2 && 3 >= 2 || false}", "${!(n != 7)}",
            "${arr[1]}", "${obj['a']}", "${obj.a}", "${$root.n}", "${$data.n}", "${\"dq\"}", "${'a\\'b'}",
        };
        var template = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["values"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]),
            ["repeated"] = JsonNode.Parse("""[{ "$data": "${people}", "i": "${$index}", "who": "${name} (${$root.s})", "$when": "${name != 'skip'}" }, [[1], null, 2]]"""),
            ["none"] = JsonNode.Parse("""{ "$data": "${eo.list}", "x": 1 }"""),
            ["scoped"] = JsonNode.Parse("""{ "$data": "${obj}", "a": "${a}", "b": "${$data.a}" }"""),
        };
        var data = """{ "n": 7, "f": 1.5, "flag": false, "s": "x", "e": "", "z": 0, "nul": null, "arr": [1, 2], "obj": { "a": 1 }, "eo": { "list": [] }, "big": 1e21, "small": 1e-7, "neg": -0.000001, "people": [{ "name": "Ana" }, { "name": "skip" }, { "name": "Bo" }] }""";
        File.WriteAllText(Path.Combine(_folder, "semantics.json"), template.ToJsonString());
        File.WriteAllText(Path.Combine(_folder, "semantics.data.json"), data);
        var renderer = new CardRenderer(Options.Create(new CardOptions { TemplatePath = _folder }));

        var expected = JsonNode.Parse(OfficialTemplating.Expand(Path.Combine(_folder, "semantics.json"), Path.Combine(_folder, "semantics.data.json")))!;
        var actual = renderer.Render("semantics", JsonNode.Parse(data)!);

        var expectedValues = expected["values"]!.AsArray();
        var mismatches = values.Where((v, i) => !JsonNode.DeepEquals(expectedValues[i], actual["values"]![i]))
            .Select(v => $"{v}: official {expectedValues[Array.IndexOf(values, v)]?.ToJsonString()}, ours {actual["values"]![Array.IndexOf(values, v)]?.ToJsonString()}");
        Assert.Empty(mismatches);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"official: {expected.ToJsonString()}\nours:     {actual.ToJsonString()}");
    }
}
