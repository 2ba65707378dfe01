using System.Text.RegularExpressions;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>The routing table: every verb, the words that type it, and who may use it.</summary>
public sealed class CommandCatalog
{
    private readonly Dictionary<string, CommandDefinition> _byVerb;
    private readonly (string[] Words, CommandDefinition Definition, Regex Arguments)[] _texts;

    public CommandCatalog(IEnumerable<CommandDefinition> definitions)
    {
        All = [.. definitions];
        _byVerb = new Dictionary<string, CommandDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in All)
        {
            if (!_byVerb.TryAdd(definition.Verb, definition))
            {
                throw new InvalidOperationException($"The verb '{definition.Verb}' is registered twice.");
            }
        }

        var duplicateText = All.Where(d => d.Text is not null).GroupBy(d => d.Text!, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicateText is not null)
        {
            throw new InvalidOperationException($"The command text '{duplicateText.Key}' is registered twice.");
        }

        var fallbacks = All.Where(d => d.IsFallback).ToList();
        Fallback = fallbacks.Count == 1
            ? fallbacks[0]
            : throw new InvalidOperationException($"Exactly one command must receive free text; found {fallbacks.Count}.");

        _texts = [.. All
            .Where(d => d.Text is not null)
            .Select(d => (Words: SplitWords(d.Text!), Definition: d, Arguments: new Regex(d.Arguments, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100))))
            .OrderByDescending(t => t.Words.Length)];
    }

    public IReadOnlyList<CommandDefinition> All { get; }

    public CommandDefinition Fallback { get; }

    public CommandDefinition? FindByVerb(string verb) => _byVerb.GetValueOrDefault(verb);

    /// <summary>The command typed, with what follows its words; text that is no command goes to the fallback whole.</summary>
    public (CommandDefinition Definition, string Arguments) MatchText(string text)
    {
        var typed = SplitWords(text);
        var words = typed is [var first, ..] && FrenchCommandWords.ToEnglish.TryGetValue(first, out var english) ? [english, .. typed[1..]] : typed;
        foreach (var (commandWords, definition, arguments) in _texts)
        {
            if (words.Length < commandWords.Length || !commandWords.AsSpan().SequenceEqual(words.AsSpan(0, commandWords.Length), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            // The bare words are always the command, even when it needs more ("export poll" without an id): the
            // member meant the command, and its handler says what is missing.
            var rest = string.Join(' ', words, commandWords.Length, words.Length - commandWords.Length);
            if (rest.Length == 0 || arguments.IsMatch(rest))
            {
                return (definition, rest);
            }
        }

        return (Fallback, string.Join(' ', typed));
    }

    private static string[] SplitWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
