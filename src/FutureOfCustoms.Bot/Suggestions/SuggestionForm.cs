using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>The suggestion card's inputs as typed (kept to re-show them) and the errors found in them, by input id.</summary>
internal sealed record SuggestionForm(
    string Title,
    string Why,
    string Kind,
    string BuildingBlocks,
    string Bodies,
    string Administration,
    bool Volunteer,
    IReadOnlyDictionary<string, string> Errors)
{
    public const int MaxTitleLength = 120;
    public const int MaxWhyLength = 2000;
    public const int MaxAdministrationLength = 200;

    public static SuggestionForm Empty(string administration) => new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, administration, false, new Dictionary<string, string>());

    public static SuggestionForm Of(SuggestionFields fields) => new(
        fields.Title, fields.Why, fields.Kind.ToString(), string.Join(',', fields.BuildingBlocks), string.Join(',', fields.Bodies), fields.Administration, fields.Volunteer, new Dictionary<string, string>());

    /// <summary>Reads and checks every input; a forged value (a choice not offered) is an error like an empty field.</summary>
    public static SuggestionForm Read(JsonObject data, SuggestionCatalogue catalogue)
    {
        var errors = new Dictionary<string, string>();
        var title = (data.GetString("title") ?? string.Empty).Trim();
        var why = (data.GetString("why") ?? string.Empty).Trim();
        var kind = data.GetString("kind") ?? string.Empty;
        var blocks = data.GetList("blocks");
        var bodies = data.GetList("bodies");
        var administration = (data.GetString("administration") ?? string.Empty).Trim();
        CheckText(errors, "title", title, MaxTitleLength);
        CheckText(errors, "why", why, MaxWhyLength);
        CheckText(errors, "administration", administration, MaxAdministrationLength);
        if (!Enum.TryParse<SuggestionKind>(kind, ignoreCase: false, out var parsedKind) || !Enum.IsDefined(parsedKind) || int.TryParse(kind, out _))
        {
            errors["kind"] = kind.Length == 0 ? SuggestionsStrings.Error_Required : SuggestionsStrings.Error_UnknownChoice;
        }

        if (blocks.Any(b => !catalogue.BuildingBlocks.Any(c => c.Value == b)))
        {
            errors["blocks"] = SuggestionsStrings.Error_UnknownChoice;
        }

        if (bodies.Any(b => !catalogue.Bodies.Contains(b, StringComparer.Ordinal)))
        {
            errors["bodies"] = SuggestionsStrings.Error_UnknownChoice;
        }

        return new SuggestionForm(title, why, kind, string.Join(',', blocks), string.Join(',', bodies), administration, data.GetFlag("volunteer"), errors);
    }

    public bool IsValid => Errors.Count == 0;

    public SuggestionFields ToFields() => IsValid
        ? new SuggestionFields(Title, Why, Enum.Parse<SuggestionKind>(Kind), Split(BuildingBlocks), Split(Bodies), Administration, Volunteer)
        : throw new InvalidOperationException("An invalid form has no fields.");

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static void CheckText(Dictionary<string, string> errors, string key, string value, int maxLength)
    {
        if (value.Length == 0)
        {
            errors[key] = SuggestionsStrings.Error_Required;
        }
        else if (value.Length > maxLength)
        {
            errors[key] = string.Format(CultureInfo.CurrentCulture, SuggestionsStrings.Error_TooLong, maxLength, value.Length);
        }
    }
}
