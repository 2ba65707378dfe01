using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>French questions over the English document, with no cloud service: the question is analysed as French
/// (elision, case and accents, light stemming) and rewritten in English with the bilingual glossary, phrase by
/// phrase, longest first; words the glossary lacks (names, acronyms, numbers) are kept as they are. Both search
/// sides then get the English words.</summary>
internal sealed class FrenchQuery : IDisposable
{
    // Words that make a question French; none of them is an English word of the document.
    private static readonly HashSet<string> FrenchMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "le", "la", "les", "des", "du", "est", "que", "qui", "quel", "quels", "quelle", "quelles", "comment", "pourquoi",
        "sont", "une", "dans", "pour", "sur", "avec", "aux", "ce", "cette", "ont", "été", "il", "elle", "qu", "où", "combien",
        "quand", "t", "et", "l", "d", "j", "c", "s", "n", "peut", "elles", "ils", "leur", "faut", "doit", "entre",
    };

    private static readonly string[] FrenchQuestionWords = ["comment", "pourquoi", "quand", "combien", "quel", "quels", "quelle", "quelles", "est-ce", "dit", "dire", "va", "vont", "peuvent", "pourrait", "doit", "faire", "ont", "t"];

    private readonly Analyzer _analyzer;
    // Glossary phrases by their first stem, longest first: the phrase's other stems and its English.
    private readonly Dictionary<string, (string[] Tail, string English)[]> _phrases;

    public FrenchQuery(string glossaryText)
    {
        var stopWords = new CharArraySet(LuceneVersion.LUCENE_48, FrenchAnalyzer.DefaultStopSet.Cast<object>().Select(w => w is char[] c ? new string(c) : w.ToString()!).Concat(FrenchQuestionWords).ToList(), ignoreCase: true);
        _analyzer = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
            stream = new StopFilter(LuceneVersion.LUCENE_48, stream, stopWords);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, new FrenchLightStemFilter(stream));
        });
        var entries = new List<(string[] Key, string English)>();
        foreach (var line in glossaryText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split("=>", 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Analyze(parts[0]) is { Count: > 0 } key)
            {
                entries.Add(([.. key.Select(t => t.Stem)], parts[1]));
            }
        }

        _phrases = entries.GroupBy(e => e.Key[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => (Tail: e.Key[1..], e.English)).OrderByDescending(e => e.Tail.Length).ToArray(), StringComparer.Ordinal);
    }

    public static FrenchQuery Load(string path) => new(File.ReadAllText(path));

    /// <summary>True when the question reads as French: at least two French function words and no more English ones.</summary>
    public static bool IsFrench(string question)
    {
        var words = question.Split([' ', '\'', '’', '?', '!', ',', '.', ';', ':', '-', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var french = words.Count(FrenchMarkers.Contains);
        var english = words.Count(w => EnglishMarkers.Contains(w));
        return french >= 2 && french > english;
    }

    /// <summary>The question in the document's English words, glossary phrases first.</summary>
    public string ToEnglish(string question)
    {
        var tokens = Analyze(question);
        var english = new StringBuilder();
        for (var i = 0; i < tokens.Count;)
        {
            var matched = 0;
            if (_phrases.TryGetValue(tokens[i].Stem, out var candidates))
            {
                foreach (var (tail, translation) in candidates)
                {
                    if (i + tail.Length < tokens.Count && tokens.Skip(i + 1).Take(tail.Length).Select(t => t.Stem).SequenceEqual(tail, StringComparer.Ordinal))
                    {
                        english.Append(translation).Append(' ');
                        matched = 1 + tail.Length;
                        break;
                    }
                }
            }

            if (matched == 0)
            {
                english.Append(tokens[i].Surface).Append(' ');
                matched = 1;
            }

            i += matched;
        }

        return english.ToString().Trim();
    }

    public void Dispose() => _analyzer.Dispose();

    private static readonly HashSet<string> EnglishMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "what", "which", "who", "how", "why", "when", "does", "is", "are", "of", "and", "in", "to", "for", "with", "about", "on",
    };

    private List<(string Stem, string Surface)> Analyze(string text)
    {
        var tokens = new List<(string, string)>();
        using var stream = _analyzer.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var surface = text[offset.StartOffset..offset.EndOffset];
            var apostrophe = surface.IndexOfAny(['\'', '’']);
            tokens.Add((term.ToString(), apostrophe >= 0 && apostrophe < 3 ? surface[(apostrophe + 1)..] : surface));
        }

        stream.End();
        return tokens;
    }
}
