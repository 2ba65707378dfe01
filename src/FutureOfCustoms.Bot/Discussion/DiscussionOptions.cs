namespace FutureOfCustoms.Bot.Discussion;

public sealed class DiscussionOptions
{
    public const string SectionName = "Discussion";

    /// <summary>Longest answer a delegate may post (characters).</summary>
    public int MaxAnswerLength { get; set; } = 4000;

    /// <summary>
    /// Versions kept inside one answer document. Every version is kept, so this bounds the document's size
    /// (30 x 4,000 characters stays well under the 500 KB a table entity may hold).
    /// </summary>
    public int MaxVersionsPerAnswer { get; set; } = 30;

    /// <summary>Characters of each answer the responses card shows; the export always has the full text.</summary>
    public int ResponsesExcerptLength { get; set; } = 300;
}
