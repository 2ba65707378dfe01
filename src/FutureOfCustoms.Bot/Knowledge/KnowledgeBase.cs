using FutureOfCustoms.Bot.Knowledge.Parsing;
using FutureOfCustoms.Bot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Knowledge;

/// <param name="HasRelevantAnswer">False when even the best passage holds too few of the question's terms:
/// the bot should say it found nothing relevant rather than show a weak match as an answer.</param>
/// <param name="AskedInFrench">The question was French and searched through the glossary: the passages are quoted in English.</param>
/// <param name="AnswerSentences">When answered, the sentences of the best passage that state the answer (see
/// <see cref="Search.AnswerSentences"/>); empty otherwise.</param>
internal sealed record KnowledgeSearchResult(string Question, IReadOnlyList<SearchHit> Hits, bool HasRelevantAnswer, bool AskedInFrench = false, IReadOnlyList<SentenceSpan>? AnswerSentences = null)
{
    /// <summary>The answer in words, as the bot says it first: the chosen sentences of the best passage.</summary>
    public IReadOnlyList<string> AnswerText => HasRelevantAnswer && AnswerSentences is { Count: > 0 } spans
        ? [.. spans.Select(s => s.Of(Hits[0].Passage.Text))]
        : [];
}

/// <summary>What the bot asks of the knowledge feature: search, the document's catalogue, and additions.</summary>
internal sealed class KnowledgeBase
{
    private static readonly PassageKind[] TopicKinds = [PassageKind.VwgFcInput, PassageKind.AnnexIITopic, PassageKind.DiscussionPaperSection];

    private readonly KnowledgeCorpus _corpus;
    private readonly IKnowledgeIndex _index;
    private readonly FrenchQuery _french;
    private readonly AnswerSentences _sentences;
    private readonly double _relevanceThreshold;
    private readonly double _minimumCosine;
    private readonly Lazy<Task> _indexed;

    public KnowledgeBase(KnowledgeCorpus corpus, IKnowledgeIndex index, IOptions<SearchOptions> options, FrenchQuery french, AnswerSentences sentences)
    {
        _corpus = corpus;
        _index = index;
        _french = french;
        _sentences = sentences;
        _relevanceThreshold = options.Value.RelevanceThreshold;
        _minimumCosine = options.Value.MinimumCosine;
        _indexed = new Lazy<Task>(() => _index.SynchronizeCorpusAsync(_corpus.Passages, CancellationToken.None));
    }

    public KnowledgeDocument Document => _corpus.Document
        ?? throw new InvalidOperationException("The corpus does not contain the VWG FC update to the PTC.");

    public IReadOnlyList<BuildingBlock> BuildingBlocks => Document.BuildingBlocks;

    public IReadOnlyList<SubmittedPaper> Papers => Document.Papers;

    public IReadOnlyList<AnnexIITopic> AnnexIITopics => Document.AnnexIITopics;

    public DiscussionPaper? DiscussionPaper => Document.AnnexIII;

    public IReadOnlyList<Passage> CorpusPassages => _corpus.Passages;

    /// <summary>True once the corpus is indexed, without starting the indexing (for health reports).</summary>
    public bool IsIndexed => _indexed.IsValueCreated && _indexed.Value.IsCompletedSuccessfully;

    /// <summary>Indexes the corpus once per process (a no-op when the stored index already matches it).</summary>
    public Task EnsureIndexedAsync(CancellationToken cancellationToken) => _indexed.Value.WaitAsync(cancellationToken);

    public Task<KnowledgeSearchResult> SearchAsync(string question, int top, CancellationToken cancellationToken)
        => SearchAsync(question, top, null, cancellationToken);

    /// <param name="kinds">Only passages of these kinds, e.g. Annex II topics for "is this topic already there?"; null: all.</param>
    public async Task<KnowledgeSearchResult> SearchAsync(string question, int top, IReadOnlyCollection<PassageKind>? kinds, CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(cancellationToken);
        var hits = await _index.SearchAsync(EnglishQuery(question), top, kinds, cancellationToken);
        return new KnowledgeSearchResult(question, hits, hits.Count > 0 && IsAnswer(hits[0]), FrenchQuery.IsFrench(question));
    }

    /// <summary>A member's question answered: the search and, when it answers, the sentences of the best passage that
    /// state the answer. Only what a member reads pays for choosing them (an embedding per sentence); the message
    /// extension's passage search and the suggestions' similarity check use <see cref="SearchAsync(string, int, IReadOnlyCollection{PassageKind}?, CancellationToken)"/>.</summary>
    public async Task<KnowledgeSearchResult> AnswerAsync(string question, int top, CancellationToken cancellationToken)
    {
        var result = await SearchAsync(question, top, null, cancellationToken);
        return result.HasRelevantAnswer
            ? result with { AnswerSentences = await _sentences.SelectAsync(EnglishQuery(question), result.Hits[0], cancellationToken) }
            : result;
    }

    /// <summary>What both search sides get: a French question in the glossary's English, any other as asked.</summary>
    private string EnglishQuery(string question) => FrenchQuery.IsFrench(question) ? _french.ToEnglish(question) : question;

    /// <summary>"Answered" needs both signals to agree on the passage: it is in the keyword list and in the vector
    /// list, it holds enough of the question's words, and its meaning is close enough. Calibrated on the tuning half
    /// of the evaluation (docs/benchmarks.md): off-topic questions there either reach one side only or share at most a
    /// third of their words with the best passage ("the rules of cricket": "rules"); answerable ones share 40% or more.
    /// The margin over the next passage told the two apart no better there, so it is not used.</summary>
    private bool IsAnswer(SearchHit best) =>
        best.Evidence.KeywordRank > 0 && best.Evidence.VectorRank > 0
        && best.MatchedTermShare >= _relevanceThreshold
        && best.Evidence.Cosine >= _minimumCosine;

    /// <summary>The titled topics (VWG FC input, Annex II, Annex III sections) nearest to a question, for
    /// "nothing answers this, but these topics are close" replies.</summary>
    public async Task<IReadOnlyList<Passage>> ClosestTopicsAsync(string question, int top, CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(cancellationToken);
        var hits = await _index.SearchAsync(EnglishQuery(question), top * 3, TopicKinds, cancellationToken);
        return hits.Select(h => h.Passage)
            .DistinctBy(p => p.Title, StringComparer.OrdinalIgnoreCase).Take(top).ToList();
    }

    public async Task UpsertAsync(IEnumerable<Passage> passages, CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(cancellationToken);
        await _index.UpsertAsync(passages, cancellationToken);
    }

    /// <summary>Reads .txt, .md, .docx or .pdf files and adds their passages; returns what was added.</summary>
    public async Task<IReadOnlyList<Passage>> IndexFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var passages = paths.SelectMany(path => DocumentReader.Read(path, "file:" + Path.GetFileName(path)).Passages)
            .Select(p => p with { Id = "file-" + p.Id })
            .ToList();
        await UpsertAsync(passages, cancellationToken);
        return passages;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(cancellationToken);
        return await _index.CountAsync(cancellationToken);
    }
}
