using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>The synonym and acronym map, kept as data in one Solr-format file that both providers use.</summary>
internal sealed class Synonyms(string text)
{
    public string Text { get; } = text;

    public static Synonyms Load(string path) => new(File.ReadAllText(path));

    /// <summary>The rules without comments and blank lines, as Azure AI Search wants them.</summary>
    public string SolrRules => string.Join('\n', Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));

    public SynonymMap BuildMap()
    {
        // The rules are matched on lower-cased words before stemming, so they are parsed the same way.
        using var analyzer = Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer));
        });
        var parser = new SolrSynonymParser(dedup: true, expand: true, analyzer);
        using var reader = new StringReader(Text);
        parser.Parse(reader);
        return parser.Build();
    }
}
