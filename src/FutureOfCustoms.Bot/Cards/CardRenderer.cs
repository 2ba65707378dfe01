using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Cards;

/// <summary>
/// Renders the <c>cards/*.json</c> templates with the Adaptive Cards Template Language, matching the official
/// <c>adaptivecards-templating</c> 2.3.1 library (cross-checked by the tests) for the subset our cards use:
/// <c>${...}</c> bindings (a whole-string binding keeps the JSON type, a binding inside text is interpolated),
/// <c>$root</c>, <c>$index</c>, <c>$data</c> (binds a scope; an array repeats the element) and <c>$when</c>.
/// Templates are parsed once at construction; a render only evaluates.
/// </summary>
/// <remarks>
/// <para>
/// Strict where the official library is lenient. It shows an unbound <c>${name}</c> as the literal text
/// "${name}" and silently drops an element whose <c>$when</c> fails or is not a boolean. In a bot, either would reach
/// users as a broken card with no error anywhere, so this renderer throws <see cref="CardTemplateException"/>
/// instead: an unbound path in a value or <c>$data</c>, a non-boolean <c>$when</c>, a function given the wrong type.
/// Inside <c>$when</c> an unbound path is null, as in the official library, so <c>exists(x)</c> and
/// <c>empty(x)</c> can test optional data. Syntax or functions outside the subset fail when the template loads.
/// </para>
/// <para>
/// Strings bound into markdown (TextBlock <c>text</c>; TextRun is never markdown, FactSet fact <c>title</c> and <c>value</c>) are
/// escaped with <see cref="CardText.Escape"/>, so user text can never become markdown, a link or a mention; markdown
/// written in the template itself is kept. Inputs, placeholders and action data get the values unchanged.
/// </para>
/// </remarks>
internal sealed class CardRenderer : ICardRenderer
{
    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    private readonly FrozenDictionary<string, CardTemplate> _templates;

    public CardRenderer(IOptions<CardOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _templates = LoadTemplates(options.Value.ResolvedTemplatePath).ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> TemplateNames => _templates.Keys;

    public JsonObject Render(string templateName, object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!_templates.TryGetValue(templateName, out var template))
        {
            throw new ArgumentException(
                $"There is no card template '{templateName}'. Known templates: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}.",
                nameof(templateName));
        }

        var json = data switch
        {
            JsonElement element => element,
            JsonNode node => JsonSerializer.SerializeToElement(node, DataOptions),
            _ => JsonSerializer.SerializeToElement(data, data.GetType(), DataOptions),
        };
        return template.Render(json);
    }

    /// <summary>Every <c>*.json</c> of the folder except the <c>*.data.json</c> samples.</summary>
    /// <exception cref="CardTemplateException">The folder is missing or a template does not parse.</exception>
    internal static IEnumerable<CardTemplate> LoadTemplates(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CardTemplateException($"The card template folder '{directory}' does not exist (setting Cards:TemplatePath).");
        }

        return TemplateFiles(directory)
            .Select(path => CardTemplate.Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)))
            .ToList();
    }

    internal static IEnumerable<string> TemplateFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Where(path => !path.EndsWith(".data.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
