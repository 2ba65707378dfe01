using System.Collections.Frozen;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>
/// The French words for the commands' first word, as the manifest's French command lists show them: "aide" is
/// "help", "sondage" is "poll". What follows the first word stays as typed, so "résumé post" is "digest post".
/// </summary>
/// <remarks>
/// One table here rather than a word per feature registration: the router needs all of them at once, and the
/// manifest's fr.json is checked against this table by a test. Each word is listed with and without its accents,
/// since members type both.
/// </remarks>
internal static class FrenchCommandWords
{
    public static FrozenDictionary<string, string> ToEnglish { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["aide"] = "help",
        ["piliers"] = "blocks",
        ["pilier"] = "block",
        ["thèmes"] = "topics",
        ["themes"] = "topics",
        ["documents"] = "papers",
        ["suggérer"] = "suggest",
        ["suggerer"] = "suggest",
        ["propositions"] = "suggestions",
        ["sondage"] = "poll",
        ["sondages"] = "polls",
        ["discussion"] = "discuss",
        ["réponses"] = "responses",
        ["reponses"] = "responses",
        ["résumé"] = "digest",
        ["resume"] = "digest",
        ["état"] = "status",
        ["etat"] = "status",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
