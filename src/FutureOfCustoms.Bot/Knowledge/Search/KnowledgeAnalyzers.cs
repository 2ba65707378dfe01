using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>English analysis: possessives, lower case, stop words, Porter stemming. Synonyms are expanded at index
/// time only, so a question in either form ("CBM" or "coordinated border management") meets the same tokens.</summary>
internal static class KnowledgeAnalyzers
{
    /// <summary>Words that shape a question but never carry its subject.</summary>
    private static readonly string[] QuestionWords =
    [
        "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "does", "did", "do", "done", "has", "have", "had",
        "can", "could", "should", "would", "will", "may", "might", "must", "shall", "about", "its", "their", "there", "any",
        "tell", "me", "i", "we", "you", "our", "us", "from", "been", "being", "so", "far", "according", "under", "some",
    ];

    public static Analyzer CreateIndexAnalyzer(SynonymMap synonyms)
    {
        var stopWords = EnglishAnalyzer.DefaultStopSet;
        return Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream stream = new EnglishPossessiveFilter(LuceneVersion.LUCENE_48, source);
            stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
            stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
            stream = new StopFilter(LuceneVersion.LUCENE_48, stream, stopWords);
            return new TokenStreamComponents(source, new PorterStemFilter(stream));
        });
    }

    public static Analyzer CreateQueryAnalyzer()
    {
        var stopWords = new CharArraySet(LuceneVersion.LUCENE_48, EnglishAnalyzer.DefaultStopSet.Cast<object>().Select(w => w is char[] c ? new string(c) : w.ToString()!).Concat(QuestionWords).ToList(), ignoreCase: true);
        return Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream stream = new EnglishPossessiveFilter(LuceneVersion.LUCENE_48, source);
            stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
            stream = new StopFilter(LuceneVersion.LUCENE_48, stream, stopWords);
            return new TokenStreamComponents(source, new PorterStemFilter(stream));
        });
    }
}
