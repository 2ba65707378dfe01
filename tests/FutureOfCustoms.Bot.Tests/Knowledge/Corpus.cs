using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Parsing;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Tests.Knowledge;

/// <summary>The real document and synonym file as shipped with the bot, parsed once for all tests.</summary>
internal static class Corpus
{
    private static readonly Lazy<KnowledgeDocument> LazyDocument = new(() => DocumentParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "vwg-fc-update-to-ptc.txt"))));

    public static KnowledgeDocument Document => LazyDocument.Value;

    public static IReadOnlyList<Passage> Passages { get; } = PassageBuilder.Build(Document);

    public static Synonyms Synonyms { get; } = Synonyms.Load(Path.Combine(AppContext.BaseDirectory, "Knowledge", "synonyms.txt"));

    public static AnswerSentences Sentences { get; } = new(KnowledgeEmbeddings.Local());

    public static FrenchQuery French { get; } = FrenchQuery.Load(Path.Combine(AppContext.BaseDirectory, "Knowledge", "glossary-fr-en.txt"));
}
