namespace FutureOfCustoms.Bot.Knowledge;

internal enum PassageKind
{
    Title,
    Paragraph,
    AnnexIntroduction,
    C21Extract,
    ProgressSoFar,
    VwgFcInput,
    Footnote,
    AnnexIITopic,
    DiscussionPaperSection,
    DiscussionQuestion,
    ImportedDocument,
}

/// <summary>
/// The unit of search and citation. <see cref="Id"/> is derived from the document structure (not from positions
/// in the file), so it stays the same across rebuilds and can be stored by other features.
/// </summary>
internal sealed record Passage(
    string Id,
    string Title,
    string CitationPath,
    string Text,
    PassageKind Kind,
    int? ParagraphNumber = null,
    char? BuildingBlock = null,
    string Source = Passage.CorpusSource)
{
    /// <summary>Passages parsed from the shipped corpus; anything else was added at run time and survives corpus rebuilds.</summary>
    public const string CorpusSource = "corpus";

    /// <summary>A source paragraph longer than this is cut at sentence ends: an answer, not a page.</summary>
    public const int MaxLength = 800;
}
